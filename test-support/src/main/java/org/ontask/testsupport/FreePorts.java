package org.ontask.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Finds loopback ports nobody listens on.
 */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * A port that was free on 127.0.0.1 a moment ago.
	 * @return the port number
	 */
	public static int find() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on 127.0.0.1", ex);
		}
	}

	/**
	 * Whether something already listens on the given loopback port.
	 * @param port the port
	 * @return true when the port cannot be bound
	 */
	public static boolean isTaken(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

}
