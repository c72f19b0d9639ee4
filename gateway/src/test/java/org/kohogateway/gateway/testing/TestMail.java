package org.kohogateway.gateway.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * One SMTP server (GreenMail) for the whole test run, on a free port, so every test context sends its e-mail
 * notifications to it. Staff made by {@link TestData} have no address, so only tests that give one receive mail.
 */
public final class TestMail {

    private static GreenMail shared;

    private TestMail() {
    }

    public static synchronized GreenMail shared() {
        if (shared == null) {
            shared = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            shared.start();
        }
        return shared;
    }

    public static int port() {
        return shared().getSmtp().getPort();
    }
}
