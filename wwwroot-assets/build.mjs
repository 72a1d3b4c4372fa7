// Places the front-end files the portal serves into the web project's wwwroot.
// No bundler: every library ships ready-built files; the portal's own modules are copied as they are.
// Run with `npm ci && node build.mjs` (the web project's build does it when the output is missing).
import { cpSync, mkdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const wwwroot = join(here, "..", "src", "HikubePortal.Web", "wwwroot");

/** [source under node_modules, destination under wwwroot]: none today (MudBlazor comes from NuGet). */
const files = [];

rmSync(join(wwwroot, "lib"), { recursive: true, force: true });
mkdirSync(join(wwwroot, "lib"), { recursive: true });
rmSync(join(wwwroot, "app"), { recursive: true, force: true });
for (const [from, to] of files) {
  const target = join(wwwroot, to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(modules, from), target, { recursive: true });
}
cpSync(join(here, "src"), join(wwwroot, "app"), { recursive: true });

// The stamp tells the web build which lockfile and sources these files came from.
const hash = createHash("sha256").update(readFileSync(join(here, "package-lock.json")));
writeFileSync(join(wwwroot, "lib", ".stamp"), hash.digest("hex") + "\n");
console.log(`front-end assets placed in ${wwwroot}`);
