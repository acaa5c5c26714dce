package org.ontask.scheduler.schedule;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ontask.platform.secret.SecretBox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The bearer token of a scheduled JSON delivery is a secret of the target system: it is
 * stored sealed (AES-GCM under a key derived from {@code ONTASK_SECRET_KEY}, as
 * {@code sealed:<base64>} in the schedule's parameters) and opened only to put it in the
 * command to action-service.
 */
@Component
class DeliveryTokens {

	private static final String SEALED = "sealed:";

	private final SecretBox box;

	DeliveryTokens(@Value("${ontask.secret-key:}") String secret) {
		this.box = SecretBox.of(secret, "ontask/scheduler/delivery-token/v1");
	}

	/**
	 * The parameters to store: a plain token sealed, one sealed already kept.
	 * @param parameters the run's parameters as entered
	 * @return a copy to store
	 * @throws InvalidScheduleException for a token when no secret key is configured
	 */
	Map<String, Object> seal(Map<String, Object> parameters) {
		if (!(parameters.get("token") instanceof String token) || token.isEmpty() || token.startsWith(SEALED)) {
			return parameters;
		}
		if (!this.box.available()) {
			throw new InvalidScheduleException("token", "A delivery token is stored encrypted with the "
					+ "installation's secret key, and ONTASK_SECRET_KEY is not set: ask the administrator to set it.");
		}
		Map<String, Object> sealed = new LinkedHashMap<>(parameters);
		sealed.put("token", SEALED + Base64.getEncoder().encodeToString(this.box.seal(token)));
		return sealed;
	}

	/**
	 * The parameters for the command: the token opened. A token that no longer opens (the
	 * key changed) is left out, so the target refuses the delivery and the run's report
	 * says so, rather than a wrong token being sent.
	 * @param parameters the stored parameters
	 * @return a copy for the command
	 */
	Map<String, Object> open(Map<String, Object> parameters) {
		if (!(parameters.get("token") instanceof String token) || !token.startsWith(SEALED)) {
			return parameters;
		}
		Map<String, Object> opened = new LinkedHashMap<>(parameters);
		byte[] value;
		try {
			value = Base64.getDecoder().decode(token.substring(SEALED.length()));
		}
		catch (IllegalArgumentException ex) {
			value = null;
		}
		this.box.open(value).ifPresentOrElse((plain) -> opened.put("token", plain), () -> opened.remove("token"));
		return opened;
	}

}
