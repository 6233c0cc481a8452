import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { projectRoot } from "../../src/platform/paths.js";

/**
 * What "English leaks into the German console" means, checkably: every text the service has in
 * English and words differently in German (the console's texts, problem titles, details and field
 * messages), plus what the test adds (English region and holiday names). A template is split at
 * its {{placeholders}}; each literal piece of three letters or more that the German text does not
 * also contain is looked for, as whole words, in what the page renders.
 */
export function englishOnlyPhrases(extra: readonly string[] = []): string[] {
  const read = (lng: string, file: string) =>
    JSON.parse(readFileSync(join(projectRoot(), "locales", lng, file), "utf8")) as Record<string, unknown>;
  const phrases = new Set<string>();
  for (const file of ["console.json", "problems.json"]) {
    const en = flatten(read("en", file));
    const de = flatten(read("de", file));
    for (const [key, english] of en) {
      const german = de.get(key) ?? "";
      if (english === german) continue;
      for (const piece of english.split(/\{\{\s*\w+\s*\}\}/)) {
        const text = piece.trim().replace(/^[\s:;,.()–—-]+|[\s:;,.()–—-]+$/g, "");
        if ((text.match(/\p{L}/gu) ?? []).length < 3) continue;
        if (german.includes(text)) continue;
        phrases.add(text);
      }
    }
  }
  for (const text of extra) phrases.add(text);
  return [...phrases];
}

function flatten(tree: Record<string, unknown>, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else if (value && typeof value === "object") flatten(value as Record<string, unknown>, path, out);
  }
  return out;
}

/** Everything a reader sees or hears: the text, and the labels, titles and placeholders. */
async function renderedTexts(page: Page): Promise<string> {
  // Runs in the page (a string: this file is compiled without the DOM's types).
  return page.evaluate<string>(`(() => {
    // Data shown as the service stores it (the answering point's display line) is not page text.
    let body = document.body.innerText;
    for (const el of document.querySelectorAll("[data-verbatim]")) body = body.replace(el.innerText, "");
    const parts = [document.title, body];
    for (const el of document.querySelectorAll("[aria-label],[title],[placeholder],option,caption")) {
      for (const attribute of ["aria-label", "title", "placeholder"]) {
        const value = el.getAttribute(attribute);
        if (value) parts.push(value);
      }
      if (el.tagName === "OPTION" || el.tagName === "CAPTION") parts.push(el.textContent || "");
    }
    return parts.join("\\n");
  })()`);
}

/** The English phrases the page shows now (empty: none). */
export async function englishOnScreen(page: Page, phrases: readonly string[]): Promise<string[]> {
  const text = await renderedTexts(page);
  return phrases.filter((phrase) => {
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(text);
  });
}
