package org.ontask.platform.apidocs;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service's API is described ({@code ontask.api-docs.*}).
 *
 * @param title the API's title, e.g. "OnTask workflows API"
 * @param description what the API covers
 */
@ConfigurationProperties("ontask.api-docs")
public record ApiDocsProperties(String title, String description) {

	/**
	 * Defaults for a service that names nothing.
	 */
	public ApiDocsProperties {
		title = (title != null && !title.isBlank()) ? title : "OnTask API";
		description = (description != null) ? description : "";
	}

}
