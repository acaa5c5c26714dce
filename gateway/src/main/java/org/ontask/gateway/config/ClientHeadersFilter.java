package org.ontask.gateway.config;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.server.ConnectionInformation;

/**
 * Decides what the services are told about the client, from the connection the gateway
 * received, so a client cannot choose it by sending headers:
 * <ul>
 * <li>{@code X-Forwarded-For} becomes one address: walking the client's
 * {@code X-Forwarded-For} plus the connection's address from the right, the first one
 * that is not a trusted proxy ({@code ONTASK_TRUSTED_PROXIES}); from an untrusted peer
 * that is the peer itself. Services take it as the client address (e.g. for the sign-in
 * throttle's per-address lock), so prefixing addresses does not change it.</li>
 * <li>From an untrusted peer, {@code X-Forwarded-Host}, {@code -Proto} and {@code -Port}
 * are the gateway's own view of the request, and {@code Forwarded} and
 * {@code X-Forwarded-Prefix} are dropped.</li>
 * <li>Identity headers ({@code X-Remote-User}, {@code Remote-User} and the configured
 * trusted header) are removed unless the peer is a trusted single-sign-on proxy
 * ({@code ONTASK_TRUSTED_HEADER_PROXIES}, none by default).</li>
 * </ul>
 * It runs after Spring Cloud Gateway's own {@code X-Forwarded-*} filter.
 */
@Component
class ClientHeadersFilter implements HttpHeadersFilter, Ordered {

	private static final String FORWARDED_FOR = "X-Forwarded-For";

	/** What an IPv4 or IPv6 address may look like. */
	private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

	private static final Pattern NOTHING = Pattern.compile("(?!)");

	private final Pattern trustedProxies;

	private final Pattern trustedHeaderProxies;

	private final List<String> identityHeaders;

	ClientHeadersFilter(@Value("${spring.cloud.gateway.server.webflux.trusted-proxies:}") String trustedProxies,
			@Value("${ontask.gateway.trusted-header-proxies:}") String trustedHeaderProxies,
			@Value("${ontask.gateway.identity-headers:X-Remote-User,Remote-User}") List<String> identityHeaders) {
		this.trustedProxies = pattern(trustedProxies);
		this.trustedHeaderProxies = pattern(trustedHeaderProxies);
		this.identityHeaders = identityHeaders.stream().map(String::strip).filter((h) -> !h.isEmpty()).toList();
	}

	private static Pattern pattern(String regex) {
		return (regex == null || regex.isBlank()) ? NOTHING : Pattern.compile(regex.strip());
	}

	@Override
	public int getOrder() {
		return 100;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		String peer = peer(request);
		if (peer == null || !this.trustedHeaderProxies.matcher(peer).matches()) {
			this.identityHeaders.forEach(headers::remove);
		}
		if (peer == null) {
			return headers;
		}
		headers.set(FORWARDED_FOR, client(request.getHeaders().getValuesAsList(FORWARDED_FOR), peer));
		if (!trusted(peer)) {
			URI uri = request.getURI();
			String scheme = uri.getScheme();
			int port = (uri.getPort() >= 0) ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
			headers.set("X-Forwarded-Proto", scheme);
			headers.set("X-Forwarded-Host", (uri.getPort() >= 0) ? uri.getHost() + ":" + uri.getPort() : uri.getHost());
			headers.set("X-Forwarded-Port", Integer.toString(port));
			headers.remove("X-Forwarded-Prefix");
			headers.remove("Forwarded");
		}
		return headers;
	}

	/**
	 * The client: the right-most address that is not a trusted proxy, reading the chain
	 * of proxies from the connection backwards.
	 */
	String client(List<String> forwardedFor, String peer) {
		List<String> chain = new ArrayList<>();
		for (String value : forwardedFor) {
			for (String part : value.split(",")) {
				chain.add(part.strip());
			}
		}
		chain.add(peer);
		String client = peer;
		for (int i = chain.size() - 1; i >= 0; i--) {
			String address = chain.get(i);
			if (!ADDRESS.matcher(address).matches()) {
				// not an address: the trusted proxy to its right is the last thing known
				break;
			}
			client = address;
			if (!trusted(address)) {
				break;
			}
		}
		return client;
	}

	private boolean trusted(String address) {
		return this.trustedProxies.matcher(address).matches();
	}

	/**
	 * The address of the connection itself. For a trusted proxy, Spring Cloud Gateway has
	 * Reactor Netty report the left-most {@code X-Forwarded-For} address as the remote
	 * address, which the client may have written; the connection's own address is what
	 * decides trust.
	 */
	private static String peer(ServerHttpRequest request) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		SocketAddress remote = (nativeRequest instanceof ConnectionInformation connection)
				? connection.connectionRemoteAddress() : request.getRemoteAddress();
		if (remote instanceof InetSocketAddress address && address.getAddress() != null) {
			return address.getAddress().getHostAddress();
		}
		return null;
	}

}
