#!/usr/bin/env node
// Writes the compact schema of the AWS provider that infra-tests' schema check reads
// (infra-tests/src/test/java/com/clientalbums/infra/schema/ProviderSchema.java), from an
// unpacked @cdktf/provider-aws package: its bindings are generated from the provider's own
// schema, so they name every resource and data source type with its arguments, nested blocks
// and readable attributes.
//
//   node scripts/extract-provider-schema.js <unpacked package dir> <out file>
//
// Reads two things of the package (scripts/install-tools.sh extracts only these, lib/*/index.js
// with lib/*/index-structs/*.js, where the largest resources keep their structs' code):
// - .jsii: the types. A resource (data source) is a class based on cdktf.TerraformResource
//   (cdktf.TerraformDataSource) whose docs link names its Terraform type; its initializer's
//   third parameter is its config struct; every struct property's docs link ends in
//   #terraform_name, `optional` absent means required, and a summary "xxx block." marks a
//   nested block whose struct is the property's type (directly when at most one is allowed,
//   else an array's element type, possibly inside a union with cdktf.IResolvable).
// - lib/*/index.js: the generated code. In the resource class, every getter that reads state
//   (this.getStringAttribute('arn'), interpolationForAttribute, new ...List(this, "name"))
//   is an attribute a reference may read, computed ones included; the ...ToHclTerraform
//   functions mark each property isBlock true or false, which must agree with the .jsii rule
//   above (a disagreement stops the extraction rather than writing a wrong schema).
'use strict';
const fs = require('fs');
const path = require('path');

const [pkgDir, outFile] = process.argv.slice(2);
if (!pkgDir || !outFile) {
  console.error('usage: extract-provider-schema.js <unpacked package dir> <out file>');
  process.exit(2);
}

const started = Date.now();
const jsii = JSON.parse(fs.readFileSync(path.join(pkgDir, '.jsii'), 'utf8'));
const types = jsii.types;

const TYPE_LINK = /registry\.terraform\.io\/providers\/hashicorp\/aws\/([^/]+)\/docs\/(resources|data-sources)\/\S+ (aws_[a-z0-9_]+)\}/;
const NAME_LINK = /\{@link https:\/\/registry\.terraform\.io\/\S+#([a-z0-9_]+) /;

function fail(message) {
  console.error('extract-provider-schema: ' + message);
  process.exit(1);
}

function terraformName(owner, property) {
  const docs = property.docs || {};
  const found = NAME_LINK.exec(docs.summary || '') || NAME_LINK.exec(docs.remarks || '');
  if (!found) fail(`${owner}.${property.name} has no #terraform_name in its docs`);
  return found[1];
}

function isBlockDocs(property) {
  return / block\.$/.test((property.docs || {}).summary || '');
}

/** The struct of a nested block, and whether at most one is allowed (a single object, not a list). */
function blockStruct(owner, property) {
  const type = property.type;
  if (type.fqn) return { fqn: type.fqn, maxOne: true };
  const candidates = type.union ? type.union.types : [type];
  for (const candidate of candidates) {
    if (candidate.collection && candidate.collection.elementtype.fqn) {
      return { fqn: candidate.collection.elementtype.fqn, maxOne: false };
    }
  }
  return null; // typed "any": the bindings do not describe it (QuickSight's deeply recursive definitions)
}

function structTyped(property) {
  const type = property.type;
  const candidates = type.union ? type.union.types : [type];
  return candidates.some(c => (c.fqn && !c.fqn.startsWith('cdktf.')) || (c.collection && c.collection.elementtype.fqn));
}

/** Properties of a struct and of the provider structs it extends (cdktf's meta-arguments are Terraform's, not the provider's). */
function properties(fqn) {
  const struct = types[fqn];
  if (!struct) fail(`type ${fqn} is not in the .jsii`);
  const inherited = (struct.interfaces || []).filter(i => !i.startsWith('cdktf.')).flatMap(properties);
  return inherited.concat(struct.properties || []);
}

const jsiiBlocks = new Map(); // struct simple name -> Map(terraform name -> isBlock, null for a nested attribute), checked against the JS
let counts = { arguments: 0, blocks: 0, attributes: 0, open: 0 };

function block(fqn, depth) {
  if (depth > 20) fail(`${fqn} nests deeper than 20 levels (a cycle?)`);
  const result = { arguments: {}, blocks: {} };
  const kinds = new Map();
  for (const property of properties(fqn)) {
    const name = terraformName(fqn, property);
    const required = !property.optional;
    if (isBlockDocs(property)) {
      const nested = blockStruct(fqn, property);
      result.blocks[name] = nested
        ? { required, max_one: nested.maxOne, block: block(nested.fqn, depth + 1) }
        : { required, max_one: false, block: { arguments: {}, blocks: {}, open: true } };
      if (!nested) counts.open++;
      counts.blocks++;
      kinds.set(name, nested ? true : null); // the code of an "any" block does not know it is one
    } else {
      result.arguments[name] = { required };
      counts.arguments++;
      // An argument typed by a struct is a nested attribute (name = { ... }), which the
      // generated code also marks isBlock: true; only plain arguments must say false there.
      kinds.set(name, structTyped(property) ? null : false);
    }
  }
  jsiiBlocks.set(fqn.substring(fqn.lastIndexOf('.') + 1), kinds);
  return result;
}

const schema = { provider: 'registry.terraform.io/hashicorp/aws', version: null, package: `${jsii.name}@${jsii.version}`, resources: {}, data_sources: {} };
const classes = new Map(); // class simple name -> block, to add its attributes from the JS

for (const [fqn, type] of Object.entries(types)) {
  if (type.kind === 'class' && type.base === 'cdktf.TerraformProvider') {
    // The provider block's own arguments (region, default_tags { ... }, ...).
    schema.provider_config = block(type.initializer.parameters[2].type.fqn, 0);
    continue;
  }
  if (type.kind !== 'class' || (type.base !== 'cdktf.TerraformResource' && type.base !== 'cdktf.TerraformDataSource')) continue;
  const link = TYPE_LINK.exec((type.docs || {}).summary || '');
  if (!link) fail(`${fqn} does not name its Terraform type in its docs`);
  const [, version, kind, tfType] = link;
  if (schema.version === null) schema.version = version;
  if (schema.version !== version) fail(`${fqn} documents provider ${version}, others ${schema.version}`);
  const config = type.initializer.parameters[2];
  if (!config || !config.type.fqn) fail(`${fqn} has no config struct as its initializer's third parameter`);
  const result = block(config.type.fqn, 0);
  result.attributes = [];
  (kind === 'resources' ? schema.resources : schema.data_sources)[tfType] = result;
  classes.set(type.name, { tfType, block: result, configStruct: config.type.fqn.substring(config.type.fqn.lastIndexOf('.') + 1) });
}

// The generated code: attributes of each resource class, and isBlock of every struct's properties.
const TYPE_OF_CLASS = /^(\w+)\.tfResourceType = "([a-z0-9_]+)";$/gm;
const READ = /this\.(?:get\w*Attribute|interpolationForAttribute)\('([a-z0-9_]+)'\)|new [\w.]+\(this, "([a-z0-9_]+)"/g;
const HCL_FUNCTION = /^function (\w+)ToHclTerraform\(struct\) \{$|^ {4}synthesizeHclAttributes\(\) \{$/gm;
const HCL_ATTR = /^ +([a-z0-9_]+): \{\n\s+value: [^\n]*\n\s+isBlock: (true|false),/gm;

const jsBlocks = new Map(); // struct simple name -> Map(terraform name -> isBlock)
const libDir = path.join(pkgDir, 'lib');
// lib/<resource>/index.js, and for the largest resources lib/<resource>/index-structs/*.js with their structs' code.
const files = fs.readdirSync(libDir).flatMap(dir => {
  const structs = path.join(libDir, dir, 'index-structs');
  const split = fs.existsSync(structs) ? fs.readdirSync(structs).filter(f => f.endsWith('.js')).map(f => path.join(structs, f)) : [];
  return [path.join(libDir, dir, 'index.js'), ...split].filter(f => fs.existsSync(f));
});
for (const file of files) {
  const code = fs.readFileSync(file, 'utf8');
  for (const typeLine of code.matchAll(TYPE_OF_CLASS)) {
    const className = typeLine[1];
    const known = classes.get(className);
    if (!known) continue;
    if (known.tfType !== typeLine[2]) fail(`${className} is ${typeLine[2]} in its code, ${known.tfType} in the .jsii`);
    const start = code.indexOf(`class ${className} extends cdktf.Terraform`);
    if (start < 0 || start > typeLine.index) fail(`no class ${className} before its tfResourceType in ${file}`);
    const names = new Set();
    for (const read of code.substring(start, typeLine.index).matchAll(READ)) names.add(read[1] || read[2]);
    known.block.attributes = [...names].sort();
    counts.attributes += names.size;
    known.found = true;
  }
  // Each ...ToHclTerraform function (or a class's synthesizeHclAttributes) lists its struct's
  // properties up to the next "};" that closes its attrs object.
  const functions = [...code.matchAll(HCL_FUNCTION)];
  functions.forEach((fn, i) => {
    const end = i + 1 < functions.length ? functions[i + 1].index : code.length;
    let struct;
    if (fn[1]) {
      struct = fn[1].charAt(0).toUpperCase() + fn[1].substring(1);
    } else {
      const owner = code.lastIndexOf('\nclass ', fn.index);
      const className = /^\nclass (\w+)/.exec(code.substring(owner, owner + 200))[1];
      struct = classes.has(className) ? classes.get(className).configStruct : className + 'Config';
    }
    const body = code.substring(fn.index, end);
    const attrsEnd = body.indexOf('\n    };') >= 0 ? body.indexOf('\n    };') : body.length;
    const kinds = new Map();
    for (const attr of body.substring(0, attrsEnd).matchAll(HCL_ATTR)) kinds.set(attr[1], attr[2] === 'true');
    jsBlocks.set(struct, kinds);
  });
}

for (const [className, known] of classes) {
  if (!known.found) fail(`no generated code found for ${className} (${known.tfType})`);
}

let verified = 0;
for (const [struct, kinds] of jsiiBlocks) {
  const js = jsBlocks.get(struct);
  if (!js) continue; // structs whose code does not list them by this name: checked by the .jsii rule only
  for (const [name, isBlock] of kinds) {
    if (!js.has(name)) fail(`${struct}.${name} is in the .jsii but not in the generated code`);
    if (isBlock !== null && js.get(name) !== isBlock) {
      fail(`${struct}.${name}: the .jsii says ${isBlock ? 'block' : 'argument'}, the generated code says isBlock: ${js.get(name)}`);
    }
  }
  verified++;
}

const sorted = o => Object.fromEntries(Object.keys(o).sort().map(k => [k, o[k]]));
if (!schema.provider_config) fail('no provider class (cdktf.TerraformProvider) in the .jsii');
schema.resources = sorted(schema.resources);
schema.data_sources = sorted(schema.data_sources);
fs.writeFileSync(outFile, JSON.stringify(schema));
console.log(`extract-provider-schema: hashicorp/aws ${schema.version} from ${schema.package}: `
  + `${Object.keys(schema.resources).length} resources, ${Object.keys(schema.data_sources).length} data sources, `
  + `${counts.arguments} arguments, ${counts.blocks} blocks (${counts.open} not described: open), ${counts.attributes} attributes; `
  + `block or argument confirmed by the generated code for ${verified} of ${jsiiBlocks.size} structs; ${Date.now() - started} ms`);
