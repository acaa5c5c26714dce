package org.ontask.auth.lti;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * LTI 1.1 settings, prefix {@code auth.lti}.
 *
 * @param credentials consumer keys and secrets as {@code key1=secret1,key2=secret2}
 * ({@code ONTASK_LTI_CREDENTIALS}, the original's {@code LTI_OAUTH_CREDENTIALS})
 * @param timestampWindow how far a launch's timestamp may be from now; a nonce is
 * remembered for as long
 * @param baseUrl the public address the LMS posts to (e.g.
 * {@code https://ontask.example.edu}); when blank, the address is taken from the request
 * and its forwarded headers
 * @param instructorRoles LTI roles that make a user an instructor; any other launch makes
 * a learner
 */
@ConfigurationProperties("auth.lti")
record LtiProperties(@DefaultValue("") String credentials, @DefaultValue("5m") Duration timestampWindow,
		@DefaultValue("") String baseUrl, @DefaultValue( {
				"Instructor", "urn:lti:role:ims/lis/Instructor", "Administrator",
				"urn:lti:role:ims/lis/Administrator" }) java.util.List<String> instructorRoles){

	/**
	 * The consumer secrets by key.
	 * @return key to secret
	 */
	Map<String, String> secrets() {
		Map<String, String> secrets = new LinkedHashMap<>();
		for (String pair : this.credentials.split(",")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && equals < pair.length() - 1) {
				secrets.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
			}
		}
		return secrets;
	}

}
