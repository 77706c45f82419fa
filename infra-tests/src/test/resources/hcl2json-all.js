// Prints every .tf file of a directory as JSON: {"files": {"s3.tf": {...}, ...}}.
// Usage: node hcl2json-all.js <tools dir> <terraform dir>
// Files are parsed one by one (not merged) so a test can say which file a block is in,
// and a syntax error names its file and line. Expressions stay as "${...}" text.
'use strict';
const fs = require('fs');
const path = require('path');

const [toolsDir, terraformDir] = process.argv.slice(2);
if (!toolsDir || !terraformDir) {
  console.error('usage: node hcl2json-all.js <tools dir> <terraform dir>');
  process.exit(2);
}
const { parse } = require(path.join(toolsDir, 'node_modules', '@cdktf', 'hcl2json'));

(async () => {
  const names = fs.readdirSync(terraformDir).filter((n) => n.endsWith('.tf')).sort();
  const files = {};
  for (const name of names) {
    const text = fs.readFileSync(path.join(terraformDir, name), 'utf8');
    files[name] = await parse(name, text);
  }
  process.stdout.write(JSON.stringify({ files }));
})().catch((error) => {
  console.error(String(error && error.message ? error.message : error));
  process.exit(1);
});
