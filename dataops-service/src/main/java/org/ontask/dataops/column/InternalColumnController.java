package org.ontask.dataops.column;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ontask.dataops.store.ColumnSpec;
import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.TableStore;
import org.ontask.workflowaccess.WorkflowAccess;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /internal/workflows/{id}/columns} (contract C3): adds columns for
 * action-service (imported surveys), all or none, over a signed internal call acting for
 * a user who may open the workflow. A name that exists with the same type is reused; with
 * another type the request is refused (409) naming the column and both types. Each new
 * column is published as {@code column.added}.
 */
@RestController
class InternalColumnController {

	/** The most columns one request may add. */
	static final int MAX_COLUMNS = 500;

	private final WorkflowAccess workflows;

	private final TableStore store;

	private final ColumnService columns;

	private final TransactionTemplate transaction;

	InternalColumnController(WorkflowAccess workflows, TableStore store, ColumnService columns,
			TransactionTemplate transaction) {
		this.workflows = workflows;
		this.store = store;
		this.columns = columns;
		this.transaction = transaction;
	}

	@PostMapping(path = "/internal/workflows/{id}/columns", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<List<Column>> add(@PathVariable long id, @RequestBody NewColumns request, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		if (!this.store.exists(id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"The workflow has no table yet; upload data before adding columns.");
		}
		if (request.columns() == null || request.columns().isEmpty()) {
			throw new DataRejectedException("Give the columns as {\"columns\": [{\"name\", \"type\"}]}.");
		}
		if (request.columns().size() > MAX_COLUMNS) {
			throw new DataRejectedException("At most " + MAX_COLUMNS + " columns can be added at once.");
		}
		Map<String, DataColumn> existing = new LinkedHashMap<>();
		this.store.columns(id).forEach((c) -> existing.put(c.name(), c));
		Map<String, NewColumn> toAdd = new LinkedHashMap<>();
		Map<String, ColumnType> types = new LinkedHashMap<>();
		for (NewColumn column : request.columns()) {
			String name = (column.name() != null) ? column.name().strip() : "";
			if (name.isEmpty()) {
				throw new DataRejectedException("Every column needs a name.");
			}
			ColumnType type;
			try {
				type = ColumnType.ofLabel(column.type());
			}
			catch (IllegalArgumentException ex) {
				throw new DataRejectedException("Column \"" + name + "\": " + ex.getMessage());
			}
			DataColumn found = existing.get(name);
			if (found != null) {
				if (found.type() != type) {
					throw new ResponseStatusException(HttpStatus.CONFLICT, "Column \"" + name + "\" exists with type "
							+ found.type().label() + ", not " + type.label() + ".");
				}
				continue;
			}
			ColumnType earlier = types.putIfAbsent(name, type);
			if (earlier != null && earlier != type) {
				throw new DataRejectedException("Column \"" + name + "\" is given twice with different types.");
			}
			toAdd.putIfAbsent(name, column);
		}
		// one transaction: a refusal of any column (name, categories) adds none
		this.transaction.executeWithoutResult((status) -> {
			for (Map.Entry<String, NewColumn> entry : toAdd.entrySet()) {
				NewColumn column = entry.getValue();
				List<String> categories = new ArrayList<>();
				if (column.categories() != null) {
					column.categories().forEach((c) -> categories.add((c != null) ? c.toString() : null));
				}
				this.columns.add(id,
						new ColumnSpec(entry.getKey(), types.get(entry.getKey()), false,
								(column.description() != null) ? column.description() : ""),
						"", categories, 0, user.getName());
			}
		});
		List<Column> all = this.store.columns(id)
			.stream()
			.map((c) -> new Column(c.name(), c.type().label(), c.key(), c.categories(), c.description()))
			.toList();
		return ResponseEntity.status(HttpStatus.CREATED).body(all);
	}

	/**
	 * The columns to add.
	 *
	 * @param columns the columns
	 */
	record NewColumns(List<NewColumn> columns) {
	}

	/**
	 * One column to add.
	 *
	 * @param name its name
	 * @param type integer, double, string, boolean or datetime
	 * @param description its description
	 * @param categories its allowed values, empty for any
	 */
	record NewColumn(String name, String type, String description, List<Object> categories) {
	}

	/**
	 * A column as action-service reads it.
	 *
	 * @param name its name
	 * @param type its type
	 * @param key whether it is a key column
	 * @param categories its allowed values
	 * @param description its description
	 */
	record Column(String name, String type, boolean key, List<String> categories, String description) {
	}

}
