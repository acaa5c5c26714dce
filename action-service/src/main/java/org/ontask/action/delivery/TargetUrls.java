package org.ontask.action.delivery;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Checks the URL a JSON action posts to: an absolute {@code http} or {@code https} URL
 * without credentials, whose host resolves only to public addresses, unless
 * {@code ontask.actions.json.allow-internal-targets} is true. The check is made when the
 * run starts and again before each run goes out (a name may resolve differently later);
 * redirects are never followed.
 */
@Component
public class TargetUrls {

	private final JsonDeliveryProperties properties;

	TargetUrls(JsonDeliveryProperties properties) {
		this.properties = properties;
	}

	/**
	 * The target, checked.
	 * @param url the URL as given
	 * @return the URI to post to
	 * @throws TargetRefusedException when it cannot be used, saying why
	 */
	public URI check(String url) {
		String given = (url != null) ? url.trim() : "";
		if (given.isEmpty()) {
			throw new TargetRefusedException("Give the URL the documents are sent to.");
		}
		URI uri;
		try {
			uri = new URI(given);
		}
		catch (URISyntaxException ex) {
			throw new TargetRefusedException("\"" + abbreviate(given) + "\" is not a URL: " + ex.getReason() + ".");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new TargetRefusedException("The target URL must start with https:// (or http://).");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new TargetRefusedException("The target URL has no host name.");
		}
		if (uri.getRawUserInfo() != null) {
			throw new TargetRefusedException(
					"The target URL cannot contain a user name or password; give a token instead.");
		}
		if (!this.properties.allowInternalTargets()) {
			InetAddress[] addresses;
			try {
				addresses = InetAddress.getAllByName(uri.getHost());
			}
			catch (UnknownHostException ex) {
				throw new TargetRefusedException("The host \"" + abbreviate(uri.getHost()) + "\" is not known.");
			}
			for (InetAddress address : addresses) {
				if (internal(address)) {
					throw new TargetRefusedException(
							"The target URL points at an internal address (" + address.getHostAddress()
									+ "); documents are only sent to public addresses on this installation.");
				}
			}
		}
		return uri;
	}

	static boolean internal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address) {
			// unique local fc00::/7, and IPv4-mapped addresses checked as IPv4
			if ((bytes[0] & 0xfe) == 0xfc) {
				return true;
			}
			boolean mapped = true;
			for (int i = 0; i < 10; i++) {
				mapped &= bytes[i] == 0;
			}
			if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
				try {
					return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
				}
				catch (UnknownHostException ex) {
					return true;
				}
			}
			return false;
		}
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		// 0/8 "this network", 100.64/10 carrier-grade NAT, 198.18/15 benchmarking
		return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 198 && (second & 0xfe) == 18);
	}

	private static String abbreviate(String text) {
		return (text.length() > 80) ? text.substring(0, 77) + "..." : text;
	}

}
