package org.ontask.launcher;

import java.util.concurrent.CountDownLatch;

/**
 * A stand-in app for {@link AppProcessesTests}: runs until it is signalled.
 */
final class WaitingMain {

	private WaitingMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		System.out.println("waiting");
		new CountDownLatch(1).await();
	}

}
