package org.ontask.action.run;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One SMTP connection kept open for the messages of a run, instead of one connection per
 * message ({@link JavaMailSender#send(MimeMessage)} connects, sends one and hangs up):
 * most of the time a message takes is the connection. Each message is still sent and
 * confirmed on its own, so its status is known. A connection the server dropped while it
 * was idle is opened again once before a failure counts. With a sender that is not
 * Spring's {@link JavaMailSenderImpl}, each message goes through the sender.
 */
final class SmtpConnection implements AutoCloseable {

	private final JavaMailSender sender;

	private Transport transport;

	SmtpConnection(JavaMailSender sender) {
		this.sender = sender;
	}

	/**
	 * Sends one message over the open connection, opening it when needed.
	 * @param message the message
	 * @throws MessagingException when the server refuses it or the connection breaks
	 * @throws MailSendException when no connection can be made (as Spring's sender)
	 */
	void send(MimeMessage message) throws MessagingException {
		if (!(this.sender instanceof JavaMailSenderImpl impl)) {
			this.sender.send(message);
			return;
		}
		prepare(message);
		boolean reused = this.transport != null && this.transport.isConnected();
		try {
			connected(impl).sendMessage(message, message.getAllRecipients());
		}
		catch (SendFailedException ex) {
			// the server refused this message or its addresses: the connection is fine
			throw ex;
		}
		catch (MessagingException ex) {
			close();
			if (!reused) {
				throw ex;
			}
			// an idle connection the server closed: once more on a fresh one
			try {
				connected(impl).sendMessage(message, message.getAllRecipients());
			}
			catch (MessagingException again) {
				if (!(again instanceof SendFailedException)) {
					close();
				}
				throw again;
			}
		}
	}

	private Transport connected(JavaMailSenderImpl impl) throws MessagingException {
		if (this.transport == null || !this.transport.isConnected()) {
			close();
			Transport opened = impl.getSession().getTransport(impl.getProtocol());
			try {
				// as Spring's sender: an empty user or password (unset in configuration)
				// means none
				opened.connect(impl.getHost(), impl.getPort(), blankAsNull(impl.getUsername()),
						blankAsNull(impl.getPassword()));
			}
			catch (MessagingException ex) {
				// reported as Spring's sender does: a connection failure, which a run
				// waits out (RunWorker.temporary)
				throw new MailSendException("Mail server connection failed", ex);
			}
			this.transport = opened;
		}
		return this.transport;
	}

	private static String blankAsNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	/** As Spring's sender does before handing a message to the transport. */
	private static void prepare(MimeMessage message) throws MessagingException {
		if (message.getSentDate() == null) {
			message.setSentDate(new java.util.Date());
		}
		String messageId = message.getMessageID();
		message.saveChanges();
		if (messageId != null) {
			message.setHeader("Message-ID", messageId);
		}
	}

	@Override
	public void close() {
		if (this.transport != null) {
			try {
				this.transport.close();
			}
			catch (MessagingException ex) {
				// closing a broken connection: nothing more to do
			}
			this.transport = null;
		}
	}

}
