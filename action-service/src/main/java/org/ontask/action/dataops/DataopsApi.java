package org.ontask.action.dataops;

import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PatchExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * dataops-service's internal API as an HTTP interface client.
 */
interface DataopsApi {

	@GetExchange("/internal/workflows/{id}/columns")
	List<DataColumn> columns(@PathVariable long id);

	@PostExchange("/internal/workflows/{id}/selection")
	Selection selection(@PathVariable long id, @RequestBody SelectionRequest request);

	@PatchExchange("/internal/workflows/{id}/rows/{rowId}")
	void updateRow(@PathVariable long id, @PathVariable long rowId, @RequestBody RowChange change);

	@PostExchange("/internal/workflows/{id}/columns")
	List<DataColumn> addColumns(@PathVariable long id, @RequestBody NewColumns columns);

	@PostExchange("/internal/workflows/{id}/cells/increment")
	Increment.Result increment(@PathVariable long id, @RequestBody Increment request);

}
