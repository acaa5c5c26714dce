package org.ontask.workflowaccess;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A stand-in for a consuming service (dataops, action, scheduler): the library's
 * auto-configuration plus a {@link WorkflowDataLifecycle} over one table of
 * workflow-scoped rows.
 */
@SpringBootApplication
class AccessTestApplication {

	/** Copying this workflow fails, as a service whose copy breaks would. */
	static final long UNCOPYABLE = 666;

	@Bean
	WorkflowDataLifecycle partsLifecycle(JdbcClient jdbc) {
		return new WorkflowDataLifecycle() {

			@Override
			public void copy(long sourceWorkflowId, long cloneWorkflowId) {
				jdbc.sql("INSERT INTO part (workflow_id, label) SELECT ?, label FROM part WHERE workflow_id = ? "
						+ "ON CONFLICT DO NOTHING")
					.params(cloneWorkflowId, sourceWorkflowId)
					.update();
				if (sourceWorkflowId == UNCOPYABLE) {
					throw new IllegalStateException("the parts of workflow " + sourceWorkflowId + " are damaged");
				}
			}

			@Override
			public void delete(long workflowId) {
				jdbc.sql("DELETE FROM part WHERE workflow_id = ?").param(workflowId).update();
			}

			@Override
			public void flush(long workflowId) {
				jdbc.sql("DELETE FROM part WHERE workflow_id = ?").param(workflowId).update();
			}

		};
	}

}
