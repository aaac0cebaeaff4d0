// Files of the package, found from its root. This module sits one level below the root in the
// sources (src/) and in the build (dist/, where the bundler puts shared code beside the entry
// points), so one relative path serves both.
import { fileURLToPath } from 'node:url';

/** The package's manifest (its version). */
export const PACKAGE_JSON = fileURLToPath(new URL('../package.json', import.meta.url));

/** Where the console's build lands (packages/console, built by `npm ci`). */
export const CONSOLE_DIR = fileURLToPath(new URL('../packages/console/dist', import.meta.url));
