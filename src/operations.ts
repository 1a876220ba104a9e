// kakao-openapi/operations: each operation's routing data, named by its operationId
// (`getUserMe`, `listFriends`…), for the lite client (`kakao-openapi/lite`).
export * from '../generated/client/routes.js';
