package io.guidesdk.core.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guidesdk.Intent;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.dialogue.eval.DialogueEvaluator;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Constraint extraction by the rules alone (no encoder): one message against an empty state. */
class RuleUnderstanderTest {
  private static final RuleUnderstander RULES = new RuleUnderstander(DemoData.catalog(), null);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "backpacks $50-$80 | category=backpacks,min=50,max=80",
      "tents 300 or less | category=tents,max=300",
      "laptops under $1,500 | category=laptops,max=1500",
      "laptops with 16GB RAM | category=laptops,ram_gb=16",
      "women's down jacket size M | category=down jackets,gender=women,sizes=xs-xl,sizes=s-xxl",
      "hiking boots not waterproof | category=hiking boots,waterproof=no",
      "headphones except Sony or Bose | category=headphones,-brand=sony,-brand=bose",
      "The North Face rain jackets | category=rain jackets,brand=the north face",
      "gray running shoes from Hoka over 120 | category=running shoes,brand=hoka,color=grey,min=120",
      "coffee maker with a grinder, programmable | category=coffee makers,built_in_grinder=yes,programmable=yes",
      "yoga mats under -5 | category=yoga mats",
      "跑鞋 100元以下 | category=running shoes,max=100",
      "dumbbells under $99999999 | category=dumbbells"})
  void extractsEachConstraintKind(String message, String expected) {
    assertSearchWith(RULES, message, expected);
  }

  /** {@code message}, alone, is a search for exactly the {@code expected} atoms (comma-separated). */
  private static void assertSearchWith(RuleUnderstander rules, String message, String expected) {
    Understanding u = rules.understand(message, DialogueState.EMPTY);
    assertEquals(Intent.SEARCH, u.intent(), "intent of " + message);
    assertThat(new TreeSet<>(DialogueEvaluator.atoms(u.filter())))
        .isEqualTo(new TreeSet<>(Arrays.asList(expected.split(","))));
  }

  @Test
  void followUpsRefineTheRememberedState() {
    Understanding first = RULES.understand("Nike running shoes under $150", DialogueState.EMPTY);
    DialogueState s = new DialogueState(first.filter(), first.need(), List.of("SHOE-RUN-0001", "SHOE-RUN-0003"), 0,
        first.intent());
    Understanding notNike = RULES.understand("not Nike", s);
    assertThat(notNike.filter().brands()).isEmpty();
    assertThat(notNike.filter().excludedBrands()).containsExactly("Nike");
    assertThat(notNike.filter().categories()).containsExactly("Running Shoes");
    Understanding cheaper = RULES.understand("cheaper ones", s);
    assertThat(cheaper.filter().maxPrice()).isEqualByComparingTo("64.98");
    Understanding more = RULES.understand("show me more", s);
    assertThat(more.nextPage()).isTrue();
    assertThat(more.filter()).isEqualTo(first.filter());
    Understanding newTopic = RULES.understand("tents", s);
    assertThat(newTopic.filter()).isEqualTo(ProductFilter.builder().category("Tents").build());
    Understanding second = RULES.understand("is the second one waterproof?", s);
    assertEquals(Intent.PRODUCT_QUESTION, second.intent());
    assertThat(second.referencedIds()).containsExactly("SHOE-RUN-0003");
    assertEquals("waterproof", second.askedAttribute());
  }

  @Test
  void unusablePricesAreReportedNotApplied() {
    Understanding u = RULES.understand("laptops under $1e9", DialogueState.EMPTY);
    assertThat(u.filter().maxPrice()).isNull();
    assertThat(u.ignoredPrices()).isNotEmpty();
    assertThat(Set.copyOf(u.ignoredPrices())).allMatch(s -> s.contains("1e9"));
  }

  private static final RuleUnderstander CHINESE = new RuleUnderstander(io.guidesdk.core.catalog.Catalog.of(List.of(
      zh("Z1", "李宁 女款跑步鞋", "跑步鞋", "李宁", 399, "黑色", "女", "38-42"),
      zh("Z2", "安踏 男款跑步鞋", "跑步鞋", "安踏", 459, "白色", "男", "40-45"),
      zh("Z3", "骆驼 男士冲锋衣", "外套", "骆驼", 699, "蓝色", "男", "L"))), null);

  private static io.guidesdk.Product zh(String id, String title, String category, String brand, double price,
      String colour, String gender, String size) {
    return io.guidesdk.Product.builder(id, title, io.guidesdk.Money.of(price, "CNY")).category(category).brand(brand)
        .attribute("颜色", colour).attribute("性别", gender).attribute("尺码", size).build();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "黑色的跑步鞋 | category=跑步鞋,颜色=黑色",
      "女款跑步鞋 | category=跑步鞋,性别=女",
      "男士的外套 | category=外套,性别=男",
      "给女儿买跑步鞋 | category=跑步鞋",
      "不要李宁的跑步鞋 | category=跑步鞋,-brand=李宁",
      "跑步鞋，除了李宁和安踏 | category=跑步鞋,-brand=李宁,-brand=安踏",
      "不是黑色的跑步鞋 | category=跑步鞋,-颜色=黑色",
      "400块钱以下的跑步鞋 | category=跑步鞋,max=400",
      "不超过500元的跑步鞋 | category=跑步鞋,max=500",
      "至少300元的外套 | category=外套,min=300",
      "不低于300元的外套 | category=外套,min=300",
      "低于300元的外套 | category=外套,max=300",
      "外套 600元起 | category=外套,min=600",
      "跑步鞋 300到450元之间 | category=跑步鞋,min=300,max=450",
      "跑步鞋 ¥300-450块 | category=跑步鞋,min=300,max=450",
      "两千元以内的外套 | category=外套,max=2000",
      "跑步鞋，预算四百 块 | category=跑步鞋,max=400",
      "跑步鞋 预算350 | category=跑步鞋,max=350",
      "几百块的跑步鞋 | category=跑步鞋"})
  void readsChineseAgainstAChineseCatalog(String message, String expected) {
    assertSearchWith(CHINESE, message, expected);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"两千, 2000", "三百五十, 350", "三百五, 350", "一千五, 1500", "一百零五, 105", "十五, 15", "十, 10",
      "一万二千, 12000", "两万五, 25000", "五, 5", "九千九百九十九, 9999", "万, 0", "零, 0", "abc, 0"})
  void readsChineseNumerals(String text, long value) {
    assertEquals(value, RuleUnderstander.chineseNumber(text));
  }

  @Test
  void chineseReferencesAndQuestionsPointAtTheProductsShown() {
    Understanding first = CHINESE.understand("跑步鞋", DialogueState.EMPTY);
    DialogueState s = new DialogueState(first.filter(), first.need(), List.of("Z1", "Z2", "Z3"), 0, first.intent());
    Understanding price = CHINESE.understand("第二个多少钱", s);
    assertEquals(Intent.PRODUCT_QUESTION, price.intent());
    assertThat(price.referencedIds()).containsExactly("Z2");
    assertEquals("price", price.askedAttribute());
    Understanding colour = CHINESE.understand("最后一个是什么颜色", s);
    assertThat(colour.referencedIds()).containsExactly("Z3");
    assertEquals("颜色", colour.askedAttribute());
    Understanding size = CHINESE.understand("这款有什么尺码", s);
    assertThat(size.referencedIds()).containsExactly("Z1");
    assertEquals("尺码", size.askedAttribute());
    Understanding weight = CHINESE.understand("第二个多重", s);
    assertEquals(Intent.PRODUCT_QUESTION, weight.intent());
    assertThat(weight.referencedIds()).containsExactly("Z2");
    Understanding stock = CHINESE.understand("第1款有货吗", s);
    assertEquals("in stock", stock.askedAttribute());
    Understanding compare = CHINESE.understand("比较一下前两个", s);
    assertEquals(Intent.COMPARE, compare.intent());
    assertThat(compare.referencedIds()).containsExactly("Z1", "Z2");
    Understanding more = CHINESE.understand("还有别的吗", s);
    assertThat(more.nextPage()).isTrue();
  }
}
