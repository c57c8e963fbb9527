// Times Readability.js (with linkedom's DOM) on every page of a folder, in this one thread.
// Usage: node readability.mjs DIR WARMUP_SECONDS MEASURE_SECONDS
// Prints one JSON line: pages extracted, their CPU seconds (this process), wall seconds, characters kept.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

const [dir, warmup, measure] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const pages = readdirSync(dir).sort().map((name) => readFileSync(join(dir, name), "utf8"));

function extract(html) {
  const { document } = parseHTML(html);
  const article = new Readability(document).parse();
  return article && article.textContent ? article.textContent.length : 0;
}

let kept = 0;
const warmEnd = Date.now() + warmup * 1000;
do {
  for (const html of pages) kept += extract(html);
} while (Date.now() < warmEnd);

kept = 0;
let count = 0;
const cpuStart = process.cpuUsage();
const wallStart = process.hrtime.bigint();
const end = Date.now() + measure * 1000;
do {
  for (const html of pages) {
    kept += extract(html);
    count++;
  }
} while (Date.now() < end);
const cpu = process.cpuUsage(cpuStart);
const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;
console.log(JSON.stringify({ pages: count, cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds: wall, chars: kept }));
