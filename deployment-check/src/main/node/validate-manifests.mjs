// Validates rendered Kubernetes manifests (the output of "kubectl kustomize") offline against the
// Kubernetes OpenAPI schemas bundled in kubernetes-models. Usage: node validate-manifests.mjs FILE...
// Prints one line per invalid object and exits 1 if there is any; an unknown kind is an error too,
// because every object we deploy is a built-in one.
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';

let errors = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
	const documents = parseAllDocuments(await readFile(file, 'utf8'));
	for (const document of documents) {
		if (document.errors.length > 0) {
			console.log(`${file}: not YAML: ${document.errors[0].message}`);
			errors++;
			continue;
		}
		const object = document.toJS();
		if (object == null) {
			continue;
		}
		const name = `${file}: ${object.kind}/${object.metadata?.name}`;
		let model;
		try {
			model = await import(`kubernetes-models/${object.apiVersion}/${object.kind}`);
		}
		catch (e) {
			console.log(`${name}: no schema for apiVersion ${object.apiVersion} kind ${object.kind}`);
			errors++;
			continue;
		}
		try {
			new model[object.kind](object).validate();
			checked++;
		}
		catch (e) {
			console.log(`${name}: ${e.message.split('\n').join('; ')}`);
			errors++;
		}
	}
}
console.log(`${checked} objects valid, ${errors} invalid`);
process.exit(errors > 0 ? 1 : 0);
