import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection to an MCP Streamable HTTP endpoint, for the benchmark's load
 * drivers: a JSON-RPC body in, the status, the Mcp-Session-Id header and the body out. Blocking and
 * minimal on purpose: the driver shares the box with the server and PostgreSQL, and the JDK's
 * HttpClient cost 0.33 to 0.46 ms of CPU a call, as much as some of the calls it measured
 * (bench/README.md, "fifth session"; the shared driver's README says the same).
 */
public final class McpConnection {

    /** One answer: the HTTP status, the Mcp-Session-Id it set (or null), its body. */
    public record Answer(int status, String sessionId, String body) {
    }

    private final String host;
    private final int port;
    private final String path;
    private String session;
    private String protocolVersion;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public McpConnection(URI url) {
        this.host = url.getHost();
        this.port = url.getPort() == -1 ? 80 : url.getPort();
        this.path = url.getRawPath();
    }

    /** Sends Mcp-Session-Id (when not null) and MCP-Protocol-Version with every later request. */
    public McpConnection inSession(String sessionId, String version) {
        this.session = sessionId;
        this.protocolVersion = version;
        return this;
    }

    /** POSTs one JSON-RPC message; reconnects once when the server closed an idle connection. */
    public Answer post(String body) throws IOException {
        boolean reused = socket != null;
        if (!reused) {
            connect();
        }
        try {
            return exchange(body);
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            connect();
            return exchange(body);
        }
    }

    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing a connection we no longer use
        }
        socket = null;
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream(), 16384);
        out = new BufferedOutputStream(socket.getOutputStream(), 8192);
    }

    private Answer exchange(String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: application/json\r\n"
                + "Accept: application/json, text/event-stream\r\nContent-Length: " + bytes.length + "\r\n"
                + (session == null ? "" : "Mcp-Session-Id: " + session + "\r\n")
                + (protocolVersion == null ? "" : "MCP-Protocol-Version: " + protocolVersion + "\r\n")
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
        String status = line();
        if (status == null) {
            throw new IOException("connection closed");
        }
        long length = -1;
        boolean chunked = false;
        String sessionId = null;
        for (String h; !(h = required()).isEmpty(); ) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "mcp-session-id" -> sessionId = value;
                default -> { }
            }
        }
        byte[] data;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(required().split(";")[0].trim(), 16)) > 0; ) {
                all.write(in.readNBytes(size));
                required();
            }
            while (!required().isEmpty()) {
                // trailers
            }
            data = all.toByteArray();
        } else {
            data = in.readNBytes((int) Math.max(0, length));
        }
        return new Answer(Integer.parseInt(status.substring(9, 12)), sessionId, new String(data, StandardCharsets.UTF_8));
    }

    private String required() throws IOException {
        String l = line();
        if (l == null) {
            throw new IOException("connection closed mid-answer");
        }
        return l;
    }

    /** One line without its CR LF; null at the end of the stream before any byte. */
    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') {
                int l = b.length();
                return l > 0 && b.charAt(l - 1) == '\r' ? b.substring(0, l - 1) : b.toString();
            }
            b.append((char) c);
        }
        if (b.length() == 0) {
            return null;
        }
        throw new IOException("unexpected end of stream");
    }
}
