// A QR code drawn as SVG by Preact from qrcode-generator's modules: no image data, no inner
// HTML, so nothing the Content-Security-Policy has to allow.

import qrcode from "qrcode-generator";
import { useMemo } from "preact/hooks";

// The quiet zone the QR standard asks for around the code, in modules.
const QUIET = 4;

// `text` is ASCII here (an otpauth URI escapes the rest), which the library's default byte
// encoding takes as is.
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const qr = qrcode(0, "M"); // The smallest version that holds it; medium error correction.
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    let d = "";
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        if (qr.isDark(row, col)) d += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
      }
    }
    return { size: n + 2 * QUIET, path: d };
  }, [text]);
  return (
    <svg class="qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shape-rendering="crispEdges" data-modules={size - 2 * QUIET}>
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
