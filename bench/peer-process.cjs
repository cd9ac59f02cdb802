'use strict';
// One whole process of a peer over the files listed (one path a line) in argv[3]: `parse`
// is the bare, unpatched dockerfile-ast parse; `validate` is dockerfile-utils' validate.
// Both peers run as published, on the unpatched dockerfile-ast. The bench times it from
// spawn to exit, as it times the muslcheck command.
const { readFileSync } = require('node:fs');
require('./unpatched-peers.cjs');

const [tool, list] = process.argv.slice(2);
const run = tool === 'parse' ? require('dockerfile-ast-baseline').DockerfileParser.parse : require('dockerfile-utils').validate;
let results = 0;
for (const file of readFileSync(list, 'utf8').split('\n')) {
  if (file) results += run(readFileSync(file, 'utf8')) ? 1 : 0;
}
process.stdout.write(`${results}\n`);
