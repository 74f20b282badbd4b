// Opens abstracts report pages in headless Chromium, with JavaScript off,
// and takes a full-page screenshot of each in the light and the dark
// colour scheme, and one as printed (print media, with the dark scheme
// asked for: a printed page must come out light). It fails if a page logs a console message of type error
// or warning, throws, or makes any request but the one for the page
// itself (every other request is aborted and reported).
//
// Usage: node check.mjs OUTDIR PAGE.html...
// Writes OUTDIR/NAME-light.png, NAME-dark.png and NAME-print.png for each PAGE
// (NAME is its base name without .html). CHROMIUM names the browser
// (default /usr/bin/chromium). Exit status 0 when every page passed, 1
// when one did not, 2 on a setup error.
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const [outDir, ...pages] = process.argv.slice(2);
if (!outDir || pages.length === 0) {
  console.error("usage: node check.mjs OUTDIR PAGE.html...");
  process.exit(2);
}

let browser;
try {
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-background-networking",
      "--disable-component-update", "--no-first-run"],
  });
} catch (err) {
  console.error(`check: cannot start Chromium: ${err.message}`);
  process.exit(2);
}

let failures = 0;
for (const path of pages) {
  const url = pathToFileURL(resolve(path)).href;
  const name = basename(path, ".html");
  for (const scheme of ["light", "dark", "print"]) {
    const problems = [];
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false); // the page must not need it
    await page.setViewport({ width: 1000, height: 800, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme === "light" ? "light" : "dark" }]);
    if (scheme === "print") {
      await page.emulateMediaType("print");
    }
    await page.setRequestInterception(true);
    page.on("request", (req) => {
      if (req.url() === url) {
        req.continue();
        return;
      }
      problems.push(`request ${req.url()}`);
      req.abort();
    });
    page.on("console", (msg) => {
      if (msg.type() === "error" || msg.type() === "warn") {
        problems.push(`console ${msg.type()}: ${msg.text()}`);
      }
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    const res = await page.goto(url, { waitUntil: "load" });
    if (!res || !res.ok()) {
      problems.push(`loading ${url} failed`);
    }
    const shot = resolve(outDir, `${name}-${scheme}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    await page.close();
    if (problems.length > 0) {
      failures++;
      console.log(`FAIL ${path} (${scheme})`);
      for (const p of problems) console.log(`  ${p}`);
    } else {
      console.log(`ok   ${path} (${scheme}): ${shot}`);
    }
  }
}
await browser.close();
process.exit(failures > 0 ? 1 : 0);
