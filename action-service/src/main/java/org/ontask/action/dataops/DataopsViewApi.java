package org.ontask.action.dataops;

import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/**
 * The views part of dataops-service's internal API as an HTTP interface client.
 */
interface DataopsViewApi {

	@GetExchange("/internal/workflows/{id}/views")
	List<DataView> views(@PathVariable long id);

	@GetExchange("/internal/workflows/{id}/views/{viewId}")
	DataView view(@PathVariable long id, @PathVariable long viewId);

}
