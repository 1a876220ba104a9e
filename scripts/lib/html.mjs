// What the site's generated pages (landing, error codes, reference previews) share: escaping text
// for HTML, and the start of a page up to its <title>.

/** Text (or an attribute value) made safe for HTML. */
export const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `<!doctype html>` to `<title>`: the language, a phone-width viewport, no favicon request. */
export const pageHead = (lang, title) => `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(title)}</title>`;
