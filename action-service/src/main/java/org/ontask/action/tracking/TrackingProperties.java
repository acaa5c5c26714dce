package org.ontask.action.tracking;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Read-tracking settings, prefix {@code action.tracking}.
 *
 * @param publicUrl the address learners' mail programs reach OnTask at (the gateway),
 * e.g. {@code https://ontask.example.edu}; the tracking image is
 * {@code <publicUrl>/trck?v=...} ({@code ONTASK_PUBLIC_URL})
 * @param secret the key tracking tokens are signed with ({@code ONTASK_SECRET_KEY});
 * blank: the internal-call secret ({@code ONTASK_INTERNAL_SECRET}) is used. Either way a
 * key of its own is derived from it, so a tracking token never signs anything else.
 */
@ConfigurationProperties("action.tracking")
public record TrackingProperties(@DefaultValue("http://localhost:8080") String publicUrl,
		@DefaultValue("") String secret) {

}
