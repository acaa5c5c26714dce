package org.ontask.action.dataops;

import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The writing part of dataops-service's internal API (contract C3) as an HTTP interface
 * client: adding columns and incrementing counters.
 */
interface DataopsWriteApi {

	@PostExchange("/internal/workflows/{id}/columns")
	List<DataColumn> addColumns(@PathVariable long id, @RequestBody NewColumns request);

	@PostExchange("/internal/workflows/{id}/cells/increment")
	Increment.Result increment(@PathVariable long id, @RequestBody Increment request);

}
