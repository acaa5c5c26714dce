package org.ontask.dataops.store;

/**
 * The only place SQL identifiers of learner data are made, and only from numeric ids: the
 * table of workflow 12 is {@code dataops_data.wf_12}, column 34 is {@code c_34}. A user's
 * column name never becomes an identifier, so names with quotes, spaces or SQL in them
 * are harmless and renaming a column is a metadata change.
 */
public final class PhysicalNames {

	/** The schema holding one table per workflow. */
	public static final String DATA_SCHEMA = "dataops_data";

	private PhysicalNames() {
	}

	/**
	 * The qualified physical table of a workflow.
	 * @param workflowId the workflow
	 * @return e.g. {@code dataops_data.wf_12}
	 */
	public static String table(long workflowId) {
		return DATA_SCHEMA + "." + tableName(workflowId);
	}

	/**
	 * The unqualified physical table name of a workflow.
	 * @param workflowId the workflow
	 * @return e.g. {@code wf_12}
	 */
	public static String tableName(long workflowId) {
		return "wf_" + Math.abs(workflowId);
	}

	/**
	 * The physical column of a column id.
	 * @param columnId the column id
	 * @return e.g. {@code c_34}
	 */
	public static String column(long columnId) {
		return "c_" + Math.abs(columnId);
	}

}
