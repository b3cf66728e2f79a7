import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reference: the smallest honest JVM native-messaging host. Same framing as Anchorwatch (4-byte
 * native-order length + UTF-8 JSON, 64 KiB buffers), no libraries, no JSON parser: it pulls the
 * request's "id" and "type" out with indexOf and answers hello with a fixed document, anything
 * else with a fixed clean verdict. It is the floor a JVM host cannot go under.
 */
public final class BareHost {
  public static void main(String[] args) throws IOException {
    InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
    OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    byte[] len = new byte[4];
    String caller = args.length > 0 ? args[0] : "";
    while (readFully(in, len)) {
      int n = ByteBuffer.wrap(len).order(ByteOrder.nativeOrder()).getInt();
      byte[] payload = new byte[n];
      if (!readFully(in, payload)) break;
      String req = new String(payload, StandardCharsets.UTF_8);
      String id = field(req, "\"id\"");
      String type = field(req, "\"type\"");
      String reply = "\"hello\"".equals(type)
          ? "{\"id\":" + id + ",\"type\":\"hello\",\"ok\":true,\"result\":{\"host\":\"bare\",\"protocol\":1,"
              + "\"capabilities\":[\"hello\",\"checkChain\"],\"caller\":\"" + caller + "\"}}"
          : "{\"id\":" + id + ",\"type\":" + type + ",\"ok\":true,\"result\":{\"level\":\"clean\",\"reason\":\"bare\"}}";
      byte[] body = reply.getBytes(StandardCharsets.UTF_8);
      out.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(body.length).array());
      out.write(body);
      out.flush();
    }
  }

  /** The raw JSON value after {@code key:} up to the next ',' or '}' (ids and types are scalars). */
  private static String field(String json, String key) {
    int k = json.indexOf(key);
    if (k < 0) return "null";
    int colon = json.indexOf(':', k + key.length());
    int end = colon + 1;
    while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '}') end++;
    return json.substring(colon + 1, end).trim();
  }

  private static boolean readFully(InputStream in, byte[] buf) throws IOException {
    int off = 0;
    while (off < buf.length) {
      int r = in.read(buf, off, buf.length - off);
      if (r < 0) return false;
      off += r;
    }
    return true;
  }
}
