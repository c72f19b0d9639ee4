package org.kohogateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;

/**
 * Bodies are bounded before anyone is known: someone not signed in may send the pages only a small body (the login
 * form, a code), and a body of unknown length is held to that small bound whoever sends it, since it has to be read
 * to be measured.
 */
class RequestSizeLimitIntegrationTest extends IntegrationTest {

    private static final int SMALL = (int) RequestSizeLimit.MAX_UNKNOWN_BODY_BYTES;
    private static final int TEN_MEGABYTES = 10 * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anAnonymousLoginPostOverTheSmallBoundIs413() throws Exception {
        String form = "username=x&password=" + "a".repeat(SMALL);

        HttpResponse<String> answer = HTTP.send(post("/login", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
    }

    @Test
    void anAnonymousTenMegabyteLoginPostIs413BeforeItsBodyIsSent() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /login HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + TEN_MEGABYTES
                    + "\r\n\r\n");

            assertThat(statusLine(socket)).as("answered with no byte of the body sent").contains(" 413 ");
        }
    }

    @Test
    void anAnonymousChunkedLoginPostIs413OnceItPassesTheSmallBoundWhileTheRestIsStillToCome() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /login HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n");
            // the first part of a ten-megabyte body: twice the bound, the rest never sent
            String chunk = Integer.toHexString(1024) + "\r\n" + "a".repeat(1024) + "\r\n";
            for (int i = 0; i < 2 * SMALL / 1024; i++) {
                send(socket, chunk);
            }

            assertThat(statusLine(socket)).contains(" 413 ");
        }
    }

    @Test
    void anAnonymousImportUploadIsHeldToTheSmallBound() throws Exception {
        String boundary = "----koho-size";
        byte[] file = new byte[2 * 1024 * 1024];
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + new String(file, StandardCharsets.ISO_8859_1) + "\r\n--" + boundary
                + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> answer = HTTP.send(post("/imports", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
    }

    @Test
    void aChunkedApiBodyOverTheSmallBoundIs413EvenWithCredentials() throws Exception {
        String basic = Base64.getEncoder().encodeToString((data.world().poster() + ":" + TestData.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> answer = HTTP.send(post("/api/posts", "application/json")
                .header("Authorization", "Basic " + basic).POST(chunked(SMALL + 1)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
    }

    @Test
    void aSignedInSessionStillSendsFormsOverTheSmallBound() {
        PageSession poster = PageSession.login(port, data.world().poster(), TestData.PASSWORD);

        HttpResponse<String> answer = poster.submit("/notifications", "/notifications", "on=" + "a".repeat(SMALL));

        assertThat(answer.statusCode()).isNotEqualTo(413);
        assertThat(poster.upload("/imports", "/imports", Map.of("mode", "VALID_ROWS"), "x.csv", new byte[SMALL * 2])
                .statusCode()).isNotEqualTo(413);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String statusLine(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
    }

    private HttpRequest.Builder post(String path, String contentType) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", contentType)
                .header("Accept", "text/html");
    }

    /** A body publisher of unknown length: it goes out chunked, with no Content-Length to check up front. */
    private static HttpRequest.BodyPublisher chunked(int bytes) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(new byte[bytes]));
    }
}
