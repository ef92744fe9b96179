// The pack as n8n loads it: the node and credential classes that package.json's n8n block lists.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const manifest = require(path.join(root, 'package.json'));

function loadClasses(files) {
	return files.map((file) => {
		const exported = require(path.join(root, file));
		const [Class] = Object.values(exported).filter((value) => typeof value === 'function');
		return new Class();
	});
}

const nodes = loadClasses(manifest.n8n.nodes);
const credentials = loadClasses(manifest.n8n.credentials);

module.exports = { packageName: manifest.name, nodes, credentials };
