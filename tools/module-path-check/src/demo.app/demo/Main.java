package demo;

import io.guidesdk.ChatReply;
import io.guidesdk.core.GuideSdk;
import io.guidesdk.spi.EmbeddingPurpose;
import io.guidesdk.spi.Encoder;
import java.util.List;
import java.util.Locale;

/**
 * A modular application that uses guide-sdk-core from the module path: it builds the SDK over the demo
 * catalog and chats, which reads the module's templates, demo catalog and FAQ and runs Lucene and
 * Jackson inside the named module. The encoder is a stand-in (hashed character trigrams), so that the
 * check needs no model and no automatic modules.
 */
public final class Main {
  private Main() {}

  static final class Trigrams implements Encoder {
    private static final int DIMENSION = 64;

    @Override
    public int dimension() {
      return DIMENSION;
    }

    @Override
    public String modelId() {
      return "trigrams";
    }

    @Override
    public float[] embed(String text, EmbeddingPurpose purpose) {
      float[] v = new float[DIMENSION];
      String t = text.toLowerCase(Locale.ROOT);
      for (int i = 0; i + 3 <= t.length(); i++) {
        v[Math.floorMod(t.substring(i, i + 3).hashCode(), DIMENSION)] += 1;
      }
      double n = 0;
      for (float x : v) {
        n += x * x;
      }
      if (n == 0) {
        v[0] = 1;
        return v;
      }
      for (int i = 0; i < DIMENSION; i++) {
        v[i] /= (float) Math.sqrt(n);
      }
      return v;
    }

    @Override
    public List<float[]> embedAll(List<String> texts, EmbeddingPurpose purpose) {
      return texts.stream().map(x -> embed(x, purpose)).toList();
    }

    @Override
    public void close() {}
  }

  public static void main(String[] args) {
    try (GuideSdk sdk = GuideSdk.builder().demoCatalog().encoder(new Trigrams()).build()) {
      System.out.println(Main.class.getModule() + " uses " + GuideSdk.class.getModule());
      ChatReply reply = sdk.guide().chat("s1", "running shoes under $100");
      System.out.println(reply.text());
      if (reply.products().isEmpty() || !GuideSdk.class.getModule().isNamed()) {
        throw new IllegalStateException("expected products from the named module io.guidesdk.core");
      }
    }
  }
}
