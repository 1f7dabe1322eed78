// Render TeX with the site's own KaTeX, for the build (overrides/hooks/page_assets.py).
// Protocol: one JSON object per line on stdin, {"tex": "...", "display": true|false};
// one JSON object per line on stdout, {"html": "..."} or {"error": "..."}, in the same order.
import { createInterface } from "node:readline";
import katex from "../node_modules/katex/dist/katex.mjs";

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let reply;
  try {
    const { tex, display } = JSON.parse(line);
    reply = { html: katex.renderToString(tex, { displayMode: !!display, throwOnError: true,
                                                strict: "ignore" }) };
  } catch (error) {
    reply = { error: String(error && error.message || error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
}
