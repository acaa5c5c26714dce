package org.ontask.action.tracking;

import java.util.Base64;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /trck?v=<token>}: public (no session; the mail program of a learner fetches
 * it), always the same transparent 1x1 GIF, never cached, whether or not the token
 * counted, so the answer tells nothing about tokens.
 */
@RestController
class TrackingController {

	/** A transparent 1x1 GIF. */
	static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

	private final ReadTracking tracking;

	TrackingController(ReadTracking tracking) {
		this.tracking = tracking;
	}

	@GetMapping("/trck")
	ResponseEntity<byte[]> pixel(@RequestParam(name = "v", required = false) String token) {
		this.tracking.hit(token);
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_GIF).body(PIXEL);
	}

}
