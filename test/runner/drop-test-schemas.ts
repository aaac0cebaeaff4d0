// Drops the PostgreSQL schemas the test apps made (test/run-suites.sh runs it before and after a pass).
import { dropTestSchemas } from '../helpers/test-database.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set');
const dropped = await dropTestSchemas(url);
console.log(`dropped ${dropped} test schema(s)`);
