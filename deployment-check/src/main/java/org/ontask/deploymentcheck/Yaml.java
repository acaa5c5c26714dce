package org.ontask.deploymentcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads YAML into plain maps and lists, and walks them without casts at every step. */
final class Yaml {

	private Yaml() {
	}

	static List<Map<String, Object>> documents(String text) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : parser().loadAll(text)) {
			if (document instanceof Map<?, ?> map) {
				documents.add(stringKeys(map));
			}
		}
		return documents;
	}

	static Map<String, Object> firstDocument(String text) {
		List<Map<String, Object>> documents = documents(text);
		return documents.isEmpty() ? Map.of() : documents.get(0);
	}

	/** The value at a path of map keys, or null when any step is missing. */
	static Object at(Object node, String... path) {
		Object current = node;
		for (String key : path) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	static Map<String, Object> map(Object node, String... path) {
		Object value = at(node, path);
		return (value instanceof Map<?, ?> map) ? stringKeys(map) : Map.of();
	}

	static List<Object> list(Object node, String... path) {
		Object value = at(node, path);
		return (value instanceof List<?> list) ? new ArrayList<>(list) : List.of();
	}

	static String string(Object node, String... path) {
		Object value = at(node, path);
		return (value != null) ? value.toString() : null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> stringKeys(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

	private static org.yaml.snakeyaml.Yaml parser() {
		LoaderOptions options = new LoaderOptions();
		options.setMaxAliasesForCollections(200);
		return new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
	}

}
