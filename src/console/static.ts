import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { isSupportedLocale, SUPPORTED_LOCALES } from "../platform/locales.js";
import { projectRoot } from "../platform/paths.js";

/**
 * Everything the page loads comes from this service: no CDN, no inline script or style, no
 * frames. Downloads (PIDF-LO, import reports) are blob: URLs the page makes itself.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Where `npm run build` (or the test setup) puts the compiled page. */
export function consoleBuildDir(): string {
  return join(projectRoot(), "dist", "console");
}

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    "Content-Security-Policy": CONSOLE_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
  });
  next();
}

/**
 * `/console`: the page, its scripts and styles, its texts (`locales/<lng>/console.json`, the
 * same locale tree as the service's other texts) and the list of those languages. No key is
 * needed to load the page; every call it makes to `/v1` carries the key the user signed in with.
 */
export function consoleStaticRouter(): Router {
  const router = express.Router();
  const root = consoleBuildDir();
  router.use(securityHeaders);
  router.get("/", (_req, res) => {
    const index = join(root, "index.html");
    if (!existsSync(index)) {
      res.status(503).type("text/plain").send("The console is not built: run `npm run build`.");
      return;
    }
    res.set("Cache-Control", "no-cache").sendFile(index);
  });
  // The language picker shows before sign-in, so the list is served here rather than under /v1;
  // the page is built without the server's code, and this keeps SUPPORTED_LOCALES the one list.
  router.get("/locales.json", (_req, res) => {
    res.set("Cache-Control", "no-cache").json({ locales: SUPPORTED_LOCALES });
  });
  router.get("/locales/:lng/console.json", (req, res, next) => {
    const lng = req.params.lng;
    if (typeof lng !== "string" || !isSupportedLocale(lng)) {
      next();
      return;
    }
    res.set("Cache-Control", "no-cache").sendFile(join(projectRoot(), "locales", lng, "console.json"));
  });
  router.use(
    "/assets",
    express.static(join(root, "assets"), {
      index: false,
      redirect: false,
      setHeaders: (res) => res.setHeader("Cache-Control", "no-cache"),
    }),
  );
  return router;
}
