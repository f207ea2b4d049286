import type { ReactVersion } from './host-assets.js';

/** The scripts that put React on window: UMD files for 16, the demo's own bundle for 19. */
function reactScripts(version: ReactVersion): string {
  return version === '16'
    ? '<script src="/assets/react-16/react.js"></script>\n<script src="/assets/react-16/react-dom.js"></script>'
    : '<script src="/assets/react-19.js"></script>';
}

/** The one document of the Argo-like host page; the hash picks the app list or an app. */
export function hostPage(version: ReactVersion): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<title>Argo CD · AI SRE demo (React ${version})</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/fontawesome/css/all.min.css">
<link rel="stylesheet" href="/assets/argo.css">
</head>
<body>
<div id="app"></div>
${reactScripts(version)}
<script src="/assets/host.js"></script>
</body>
</html>
`;
}
