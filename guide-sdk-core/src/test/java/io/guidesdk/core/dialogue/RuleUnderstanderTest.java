package io.guidesdk.core.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidesdk.Intent;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.DemoData;
import io.guidesdk.core.dialogue.eval.DialogueEvaluator;
import java.math.BigDecimal;
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
      "running shoes no more than $100 | category=running shoes,max=100",
      "running shoes not over $100 | category=running shoes,max=100",
      "running shoes no less than $100 | category=running shoes,min=100",
      "running shoes not under 100 dollars | category=running shoes,min=100",
      "running shoes more than $100 | category=running shoes,min=100",
      // "nothing over", thousands as "grand" and "k", a budget "to spend"
      "running shoes, nothing over 130 | category=running shoes,max=130",
      "garmin watches for under half a grand | category=smartwatches,brand=garmin,max=500",
      "a laptop under 2 grand | category=laptops,max=2000",
      "a laptop for under a grand | category=laptops,max=1000",
      "laptops for under 1.5k | category=laptops,max=1500",
      "got 40 bucks to spend on a water bottle | category=water bottles,max=40",
      "a 4k tv under $500 | max=500",
      "running shoes $100 or under | category=running shoes,max=100",
      "running shoes 100 dollars at most | category=running shoes,max=100",
      "running shoes less than or equal to $100 | category=running shoes,max=100",
      "running shoes 50 to 100 dollars | category=running shoes,min=50,max=100",
      "running shoes no cheaper than $100 | category=running shoes,min=100",
      "running shoes more expensive than $100 | category=running shoes,min=100",
      "running shoes $100 or more | category=running shoes,min=100",
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
  void boundsOnAMeasureAreRanges_thatCombineAcrossTurns_andLetInProductsAddedLater() {
    Understanding first = RULES.understand("laptops with at least 16gb of ram", DialogueState.EMPTY);
    assertThat(first.filter().attributeRanges())
        .containsEntry("ram_gb", ProductFilter.Range.atLeast(BigDecimal.valueOf(16)));
    // a laptop with a RAM size no product had when the bound was read still passes it
    io.guidesdk.Product added = io.guidesdk.Product.builder("NEW-64", "A new 64 GB laptop",
        io.guidesdk.Money.of(1500, "USD")).category("Electronics", "Laptops").attribute("ram_gb", "64").build();
    assertThat(first.filter().test(added)).isTrue();
    DialogueState s = new DialogueState(first.filter(), first.need(), List.of(), 0, first.intent());
    Understanding both = RULES.understand("and at most 32gb of ram", s);
    assertThat(both.filter().attributeRanges()).containsEntry("ram_gb",
        ProductFilter.Range.between(BigDecimal.valueOf(16), BigDecimal.valueOf(32)));
    assertThat(both.filter().test(added)).isFalse();
    DialogueState s2 = new DialogueState(both.filter(), both.need(), List.of(), 0, both.intent());
    // a lower bound above the upper one replaces the range rather than leave nothing
    assertThat(RULES.understand("actually at least 48gb of ram", s2).filter().attributeRanges())
        .containsEntry("ram_gb", ProductFilter.Range.atLeast(BigDecimal.valueOf(48)));
    // an exact size replaces the bound
    Understanding exact = RULES.understand("32gb of ram then", s2);
    assertThat(exact.filter().attributeRanges()).doesNotContainKey("ram_gb");
    assertThat(exact.filter().attributes()).containsEntry("ram_gb", Set.of("32"));
    // a bound no laptop meets is left to the search text
    assertThat(RULES.understand("laptops with at least 512gb of ram", DialogueState.EMPTY).filter().attributeRanges())
        .doesNotContainKey("ram_gb");
  }

  @Test
  void aThirdPersonsHeight_afterSleepingBags_asksForTheLongVersion() {
    Understanding bags = RULES.understand("sleeping bags", DialogueState.EMPTY);
    DialogueState b = new DialogueState(bags.filter(), bags.need(), List.of(), 0, bags.intent());
    Understanding tall = RULES.understand("my husband is 6'4 so it needs to be the long version", b);
    assertEquals(Intent.SEARCH, tall.intent());
    assertThat(tall.filter().attributes()).containsEntry("length", Set.of("long"));
  }

  @Test
  void strictBoundsLeaveOutTheNumberItself_andNothingElse() {
    Understanding tents = RULES.understand("tents lighter than 2 kg", DialogueState.EMPTY);
    ProductFilter.Range below2 = ProductFilter.Range.below(BigDecimal.valueOf(2));
    assertThat(tents.filter().attributeRanges()).containsEntry("weight_kg", below2);
    io.guidesdk.Product at2 = io.guidesdk.Product.builder("AT-2", "A 2 kg tent", io.guidesdk.Money.of(300, "USD"))
        .category("Outdoors", "Tents").attribute("weight_kg", "2").build();
    io.guidesdk.Product at195 = io.guidesdk.Product.builder("AT-195", "A 1.95 kg tent",
        io.guidesdk.Money.of(300, "USD")).category("Outdoors", "Tents").attribute("weight_kg", "1.95").build();
    assertThat(tents.filter().test(at2)).isFalse();
    assertThat(tents.filter().test(at195)).as("a weight between the catalog's values, added later").isTrue();
    // "at least" keeps the number; a strict bound on the other side combines with it
    DialogueState s = new DialogueState(tents.filter(), tents.need(), List.of(), 0, tents.intent());
    assertThat(RULES.understand("but more than 1 kg", s).filter().attributeRanges()).containsEntry("weight_kg",
        new ProductFilter.Range(BigDecimal.ONE, BigDecimal.valueOf(2), true, true));
    // an opposite bound that leaves nothing, even only at the shared end, replaces the earlier one
    assertThat(RULES.understand("at least 2 kg", s).filter().attributeRanges()).containsEntry("weight_kg",
        ProductFilter.Range.atLeast(BigDecimal.valueOf(2)));
    Understanding watch = RULES.understand("garmin watch with more than 10 days battery", DialogueState.EMPTY);
    assertThat(watch.filter().attributeRanges()).containsEntry("battery_days",
        ProductFilter.Range.above(BigDecimal.TEN));
  }

  @Test
  void aCommonValueBeforeOneNamesTheProductSpokenOf() {
    Understanding first = RULES.understand("blender", DialogueState.EMPTY);
    DialogueState s = new DialogueState(first.filter(), first.need(), List.of(), 0, first.intent());
    Understanding personal = RULES.understand("a personal one under 100", s);
    assertThat(new TreeSet<>(DialogueEvaluator.atoms(personal.filter())))
        .containsExactly("category=blenders", "max=100", "type=personal");
    assertThat(RULES.understand("how long ones last", s).filter().attributes()).isEmpty();
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
    // a bound in words like "cheaper" is not a move below the products shown
    Understanding notCheaper = RULES.understand("no cheaper than $100", s);
    assertThat(notCheaper.filter().minPrice()).isEqualByComparingTo("100");
    assertThat(notCheaper.filter().maxPrice()).isEqualByComparingTo("150"); // the earlier bound, not 64.98
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

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a tent that's easy to carry for solo trips | category=tents,capacity=1",
      "a tent just for me | category=tents,capacity=1",
      "a tent I can pitch by myself | category=tents",
      "a sleeping bag for a tall guy | category=sleeping bags,length=long",
      "sleeping bag, I'm 6'3 | category=sleeping bags,length=long",
      "a tall sleeping bag in down | category=sleeping bags,fill=down,length=long",
      "a gift for my brother who runs marathons | category=running shoes,gender=men",
      "a gift for my sister who runs trails | category=trail running shoes,gender=women",
      "cookware set that can go in the oven at 500 degrees | category=cookware sets,oven_safe_f>=500",
      "cookware set oven safe up to 550 degrees | category=cookware sets,oven_safe_f>=550",
      "cookware set rated 500 degrees | category=cookware sets,oven_safe_f=500",
      "cookware that can handle 600 degrees in the oven | category=cookware sets,oven_safe_f>=600",
      // a spec in a title ("32GB RAM") is not a model's name, and "is there…" asks for a search
      "running shoes for a heavy guy, size 12 | category=running shoes,gender=men,size_range=7-14",
      "a black daypack for under 80 bucks | category=backpacks,color=black,max=80,use=daypack",
      "a pink daypack | color=pink,use=daypack",
      "noise cancelling headphones with 30 hours of battery or more | category=headphones,noise_cancelling=yes,"
          + "battery_hours>=30",
      "down jacket, 800 fill power or higher | category=down jackets,fill_power>=800",
      "hiking boots, waterproof, mid cut, for my husband | category=hiking boots,cut=mid,gender=men,waterproof=yes",
      "do you have any yoga mats made of cork | category=yoga mats,material=cork and tpe",
      "a trail shoe for mud | category=trail running shoes,terrain=mud and soft ground",
      "wired over-ear headphones | category=headphones,type=over-ear,wireless=no",
      "headphones, not wired | category=headphones",
      "a single wall water bottle | category=water bottles,insulated=no",
      "macbook with at least 512gb of storage | category=laptops,brand=apple,storage_gb>=512",
      "thinkpad for work under 1500 | category=laptops,brand=lenovo,max=1500",
      "a chef knife with a damascus blade | category=kitchen knives,type=chef's knife,"
          + "blade_material=vg-max damascus steel",
      "a ceramic cookware set | category=cookware sets,material=ceramic nonstick",
      "is there a laptop with 32gb ram | category=laptops,ram_gb=32",
      "is there a laptop with 32gb ram and a 16 inch screen under 2500 | category=laptops,max=2500,ram_gb=32,screen_in=16"})
  void partiesOfOneTallSleepersRaceRunnersAndCapabilities(String message, String expected) {
    assertSearchWith(RULES, message, expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "smart watches from Garmin under 400 | category=smartwatches,brand=garmin,max=400",
      "runing shoes for women | category=running shoes,gender=women",
      "head phones | category=headphones"})
  void categoryWordsWrittenApartOrOneSlipAwayStillNameTheCategory(String message, String expected) {
    assertSearchWith(RULES, message, expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"I bought a jacket last week and the zipper broke", "my blender stopped working after a week",
      "I need to change the shipping address for the order I placed this morning", "快递把东西弄坏了",
      "I got the wrong color headphones", "you sent me the wrong size", "a piece is missing from my package",
      "my smartwatch strap snapped after two days", "my yoga mat smells weird, can I send it back",
      "my new blender makes a burning smell",
      "my new tent has a chemical smell", "快递到了但是东西少了一件", "你们发错颜色了", "耳机坏了一只没声音",
      "手表开不了机", "收到的茶壶有裂缝",
      "帐篷漏雨了怎么办",
      "保温杯的盖子拧不紧"})
  void defectsAndPlacedOrdersAreOrderRequests(String message) {
    RuleUnderstander rules = message.chars().anyMatch(c -> c > 0x2e80) ? CHINESE : RULES;
    assertEquals(Intent.ORDER_REQUEST, rules.understand(message, DialogueState.EMPTY).intent());
  }

  @Test
  void superlativesAboutTheShownProductsCompareOrKeepTheConstraints() {
    Understanding first = RULES.understand("headphones under $200", DialogueState.EMPTY);
    DialogueState s = new DialogueState(first.filter(), first.need(), List.of("A", "B", "C"), 0, first.intent());
    assertEquals(Intent.COMPARE, RULES.understand("which of these has the longest battery?", s).intent());
    assertEquals(Intent.COMPARE, RULES.understand("which one is the lightest", s).intent());
    // a superlative of a quality with nothing to compare by keeps the search ("the loudest ones")
    for (String m : List.of("the loudest ones", "and the lightest", "show me the most comfortable ones")) {
      Understanding u = RULES.understand(m, s);
      assertEquals(Intent.SEARCH, u.intent(), m);
      assertThat(u.filter().categories()).as(m).containsExactly("Headphones");
    }
    assertThat(RULES.understand("the chest", s).intent()).isNotEqualTo(Intent.SEARCH);
    Understanding cheapest = RULES.understand("what's the cheapest one", s);
    assertEquals(Intent.SEARCH, cheapest.intent());
    assertThat(cheapest.filter()).isEqualTo(first.filter()); // not "cheaper than everything shown"
    Understanding zh = CHINESE.understand("哪个最便宜", new DialogueState(
        ProductFilter.builder().category("跑步鞋").build(), "跑步鞋", List.of("Z1", "Z2"), 0, Intent.SEARCH));
    assertEquals(Intent.SEARCH, zh.intent());
    assertThat(zh.filter().maxPrice()).isNull();
  }

  @Test
  void aPriceOrderCarriesOverToTheSameSearch_notToANewOneOrABestMatchRequest() {
    Understanding first = RULES.understand("headphones", DialogueState.EMPTY);
    DialogueState s = new DialogueState(first.filter(), first.need(), List.of("A", "B"), 0, Intent.SEARCH,
        PriceOrder.DEAREST_FIRST);
    assertEquals(PriceOrder.DEAREST_FIRST, RULES.understand("show me more", s).priceOrder());
    assertEquals(PriceOrder.DEAREST_FIRST, RULES.understand("wireless ones", s).priceOrder());
    assertEquals(PriceOrder.DEAREST_FIRST, RULES.understand("is the first one wireless?", s).priceOrder());
    assertEquals(PriceOrder.CHEAPEST_FIRST, RULES.understand("and the cheapest?", s).priceOrder());
    assertNull(RULES.understand("show me the most popular ones", s).priceOrder());
    assertNull(RULES.understand("I need a laptop for college", s).priceOrder());
    assertNull(RULES.understand("headphones", DialogueState.EMPTY).priceOrder());
  }

  @Test
  void aHeadWordOfSeveralCategoriesSelectsThemAll_andStartsANewSearch() {
    assertThat(RuleUnderstander.headWords(DemoData.catalog()))
        .containsEntry("jackets", List.of("Down Jackets", "Rain Jackets"))
        .containsEntry("boots", List.of("Hiking Boots"))
        .containsEntry("shoes", List.of("Running Shoes", "Trail Running Shoes"));
    Understanding jackets = RULES.understand("do you have jackets?", DialogueState.EMPTY);
    assertThat(jackets.filter().categories()).containsExactlyInAnyOrder("Down Jackets", "Rain Jackets");
    assertThat(RULES.understand("a jacket for the city", DialogueState.EMPTY).filter().categories())
        .containsExactlyInAnyOrder("Down Jackets", "Rain Jackets");
    // "shoes" is a category of its own (the parent of both), so it stays one
    assertThat(RULES.understand("shoes", DialogueState.EMPTY).filter().categories()).containsExactly("Shoes");
    Understanding shoes = RULES.understand("running shoes", DialogueState.EMPTY);
    DialogueState s = new DialogueState(shoes.filter(), shoes.need(), List.of("A"), 0, Intent.SEARCH);
    Understanding next = RULES.understand("show me jackets", s);
    assertThat(next.filter().categories()).containsExactlyInAnyOrder("Down Jackets", "Rain Jackets");
    assertThat(next.need()).doesNotContain("running");
  }

  @Test
  void englishNumberWordsCountAsAmounts_onlyWhereAPriceOrAHeadCountIsMeant() {
    assertEquals(100, RuleUnderstander.englishNumber("a hundred"));
    assertEquals(250, RuleUnderstander.englishNumber("two hundred fifty"));
    assertEquals(45, RuleUnderstander.englishNumber("forty-five"));
    assertEquals(1020, RuleUnderstander.englishNumber("one thousand and twenty"));
    assertEquals(0, RuleUnderstander.englishNumber("first"));
    assertThat(RULES.understand("running shoes under a hundred bucks", DialogueState.EMPTY).filter().maxPrice())
        .isEqualByComparingTo("100");
    assertThat(RULES.understand("rain jacket, two hundred dollars max", DialogueState.EMPTY).filter().maxPrice())
        .isEqualByComparingTo("200");
    ProductFilter between = RULES.understand("a yoga mat between fifty and eighty", DialogueState.EMPTY).filter();
    assertThat(between.minPrice()).isEqualByComparingTo("50");
    assertThat(between.maxPrice()).isEqualByComparingTo("80");
    assertThat(RULES.understand("a tent that sleeps four", DialogueState.EMPTY).filter().attributes())
        .containsEntry("capacity", Set.of("4"));
    assertEquals("compare the two", RuleUnderstander.normalise("compare the two"));
    assertEquals("show me the first one", RuleUnderstander.normalise("Show me the first one"));
  }

  @Test
  void askingAfterOnesOwnRefundIsAnOrderRequest_askingHowRefundsWorkIsPolicy() {
    for (String m : List.of("has my refund been processed yet", "where is my refund", "my return status?")) {
      assertEquals(Intent.ORDER_REQUEST, RULES.understand(m, DialogueState.EMPTY).intent(), m);
    }
    for (String m : List.of("how long do refunds take", "when will I get my refund")) {
      assertEquals(Intent.POLICY_QUESTION, RULES.understand(m, DialogueState.EMPTY).intent(), m);
    }
  }

  @Test
  void aFaultWithoutADefectWord_isAnOrderRequest_onlyAboutSomethingTheShopperHas() {
    for (String m : List.of("my new headphones won't charge anymore", "the water bottle I got leaks from the lid",
        "got a tent from you and the pole cracked")) {
      assertEquals(Intent.ORDER_REQUEST, RULES.understand(m, DialogueState.EMPTY).intent(), m);
    }
    for (String m : List.of("a water bottle that doesn't leak", "my old boots leak, I need new ones")) {
      assertEquals(Intent.SEARCH, RULES.understand(m, DialogueState.EMPTY).intent(), m);
    }
    assertEquals(Intent.SEARCH, CHINESE_WORDS.understand("不漏水的杯子", DialogueState.EMPTY).intent());
    // whether the shop ships somewhere is policy, even about "my parcel"; a named order is not
    assertEquals(Intent.POLICY_QUESTION,
        RULES.understand("is it possible to get my parcel sent to Canada?", DialogueState.EMPTY).intent());
    assertEquals(Intent.ORDER_REQUEST,
        RULES.understand("can you send order 88213 to my office instead?", DialogueState.EMPTY).intent());
  }

  @Test
  void valuesAndCategoriesAsShoppersWriteThem() {
    // apostrophes left out, a hyphen as a space, irregular and -es plurals
    assertThat(RULES.understand("a chefs knife", DialogueState.EMPTY).filter().attributes())
        .containsEntry("type", Set.of("chef's knife"));
    assertThat(RULES.understand("a 4 season tent", DialogueState.EMPTY).filter().attributes())
        .containsEntry("season", Set.of("4-season"));
    assertThat(RULES.understand("bread knives", DialogueState.EMPTY).filter().attributes())
        .containsEntry("type", Set.of("bread knife"));
    assertThat(RULES.understand("Garmin watches", DialogueState.EMPTY).filter().categories())
        .containsExactly("Smartwatches");
    // a value's words apart, unless negated
    assertThat(RULES.understand("a good knife for slicing bread", DialogueState.EMPTY).filter().attributes())
        .containsEntry("type", Set.of("bread knife"));
    assertThat(RULES.understand("a knife, not for bread", DialogueState.EMPTY).filter().attributes())
        .doesNotContainKey("type");
    // a name without its middle word, a maker as a machine
    assertThat(RuleUnderstander.shortNames(Set.of("Trail Running Shoes", "Road Running Shoes", "Coffee Makers", "Tents")))
        .containsExactly(java.util.Map.entry("coffee machine", "Coffee Makers"),
            java.util.Map.entry("road shoes", "Road Running Shoes"), java.util.Map.entry("trail shoes", "Trail Running Shoes"));
    assertThat(RuleUnderstander.shortNames(Set.of("Trail Running Shoes", "Trail Hiking Shoes"))).isEmpty(); // shared
    // a set by what it is a set of, also when the shopper moves on from another category
    assertThat(RuleUnderstander.shortNames(Set.of("Cookware Sets", "First Aid Kits")))
        .containsEntry("cookware", "Cookware Sets").containsEntry("first aid", "First Aid Kits");
    Understanding laptops = RULES.understand("laptops with at least 16gb of ram", DialogueState.EMPTY);
    Understanding cookware = RULES.understand("cookware that can handle 600 degrees in the oven",
        new DialogueState(laptops.filter(), laptops.need(), List.of(), 0, laptops.intent()));
    assertThat(new TreeSet<>(DialogueEvaluator.atoms(cookware.filter())))
        .containsExactly("category=cookware sets", "oven_safe_f>=600");
    ProductFilter grinder = RULES.understand("a coffee machine that grinds the beans too", DialogueState.EMPTY).filter();
    assertThat(grinder.categories()).containsExactly("Coffee Makers");
    assertThat(grinder.attributes()).containsEntry("built_in_grinder", Set.of("yes"));
    // a feature word one typing slip away
    assertThat(RULES.understand("hiking boots, waterprof please", DialogueState.EMPTY).filter().attributes())
        .containsEntry("waterproof", Set.of("yes"));
    assertThat(RULES.understand("a laptop with 32 gigs of ram", DialogueState.EMPTY).filter().attributes())
        .containsEntry("ram_gb", Set.of("32"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // a common word as a value where it plainly modifies the product, not elsewhere
      "drip coffee machine | category=coffee makers,type=drip",
      "down sleeping bag, long | category=sleeping bags,fill=down,length=long",
      "a pair of dumbbells | category=dumbbells,sold_as=pair",
      "how long do sleeping bags last | category=sleeping bags",
      "coffee makers that don't drip | category=coffee makers",
      "camping tents | category=tents",
      // a number in a unit the category is measured in, and not as a price
      "yoga mat 6mm | category=yoga mats,thickness_mm=6",
      "sleeping bag rated to 0 degrees | category=sleeping bags,temp_rating_f=0",
      "a 40l backpack | category=backpacks,capacity_l=40",
      "a backpack around 30 litres | category=backpacks",
      "backpack 30 litres or so | category=backpacks",
      "yoga mat 7mm | category=yoga mats",
      "running shoes under 200g | category=running shoes,weight_g<200",
      "garmin watch with 11 days of battery | category=smartwatches,brand=garmin,battery_days=11",
      "a 16 inch laptop | category=laptops,screen_in=16",
      // a bound on a measure is a range where some product of the category lies on its side; the
      // attribute named wins
      "laptops with at least 16gb of ram under 1200 | category=laptops,max=1200,ram_gb>=16",
      "a laptop with 1024gb storage or more | category=laptops,storage_gb>=1024",
      "a laptop with 2tb of storage | category=laptops,storage_gb=2048",
      "laptop with at least 32gb ram and 1tb | category=laptops,ram_gb>=32,storage_gb=1024",
      "a sleeping bag good down to 15 degrees | category=sleeping bags,temp_rating_f<=15",
      "backpack over 50 liters | category=backpacks,capacity_l>50",
      "a laptop with more than 16gb | category=laptops",
      // "more than" leaves the bound out, "at least" keeps it
      "garmin watch with more than 23 days battery | category=smartwatches,brand=garmin,battery_days>23",
      // negated comparatives bound the other way, inclusively
      "tents no more than 2 kg | category=tents,weight_kg<=2",
      "tents not more than 2 kg | category=tents,weight_kg<=2",
      "backpack no less than 40 liters | category=backpacks,capacity_l>=40",
      "tents 不超过2公斤 | category=tents,weight_kg<=2",
      "tents 低于2公斤 | category=tents,weight_kg<2",
      "tents 不低于2公斤 | category=tents,weight_kg>=2",
      // a span of a measure bounds both ends; bound words after the measure
      "tents between 1 and 2 kg | category=tents,weight_kg>=1,weight_kg<=2",
      "tents 1-2 kg | category=tents,weight_kg>=1,weight_kg<=2",
      "garmin watch with 10 to 20 days battery | category=smartwatches,brand=garmin,battery_days>=10,battery_days<=20",
      "laptop with 16gb ram minimum | category=laptops,ram_gb>=16",
      "tents 2 kg at most | category=tents,weight_kg<=2",
      "a sleeping bag under a kilo | category=sleeping bags,weight_g<1000",
      // comparatives of measures, Fahrenheit written "10F", and a unit the category does not measure in
      "yoga mat thicker than 5mm | category=yoga mats,thickness_mm>5",
      "yoga mat no thicker than 5mm | category=yoga mats,thickness_mm<=5",
      "sleeping bag for temps under 10F | category=sleeping bags,temp_rating_f<10",
      "backpack lighter than 1.5 kg | category=backpacks,weight_g<1500",
      "backpack between 1 and 1.5 kg | category=backpacks,weight_g>=1000,weight_g<=1500",
      "water bottle that holds at least 1 liter | category=water bottles,capacity_oz>=33.8140227",
      "garmin watch with at least 28 days battery | category=smartwatches,brand=garmin,battery_days>=28",
      "a pair of dumbbells, 10 lb | category=dumbbells,sold_as=pair,weight_lb=10",
      "dumbbells that go up to 50 lb | category=dumbbells",
      "chef knife in german steel | category=kitchen knives,type=chef's knife,blade_material=high-carbon german steel",
      "trail running shoes for muddy trails | category=trail running shoes,terrain=mud and soft ground",
      // a family of materials
      "water bottle that isn't plastic | category=water bottles,-material=tritan,-material=polypropylene",
      "plastic-free water bottles | category=water bottles,-material=tritan,-material=polypropylene",
      "water bottle that isnt plastic | category=water bottles,-material=tritan,-material=polypropylene",
      "running shoes, dont want nike | category=running shoes,-brand=nike",
      "a water bottle that isnt pink | category=water bottles,-color=pink",
      "a plastic water bottle | category=water bottles,material=tritan,material=polypropylene",
      "not too big, a plastic water bottle | category=water bottles,material=tritan,material=polypropylene",
      // a hobby names the categories that start with it, only after a verb of doing or liking
      "a gift for my girlfriend who does yoga | category=yoga mats",
      "a gift for my sister who hikes a lot | category=hiking boots,gender=women",
      "a gift for my brother who runs | category=running shoes,category=trail running shoes,gender=men",
      // a negated value rules out every kind of it
      "pots and pans, no nonstick | category=cookware sets,-material=nonstick,-material=ceramic nonstick,-material=hybrid stainless nonstick",
      "my dad loves coffee, something under 200 | category=coffee makers,max=200",
      // a value of three words without its middle one, and drinks kept hot
      "knife set | category=kitchen knives,type=knife block set",
      "something to keep my coffee hot on the way to work | category=water bottles,insulated=yes",
      // whom it is for, only where the category has a gender
      "running shoes for my dad, 150 max | category=running shoes,max=150,gender=men",
      "rain jacket for my wife | category=rain jackets,gender=women",
      "a blender for my mom | category=blenders",
      "running shoes for my son and my daughter | category=running shoes",
      "women's running shoes for my husband's sister | category=running shoes,gender=women",
      // a head count after "for", and a category only one kind of product fits
      "family tent for 6 | category=tents,capacity=6",
      "tent for 6 dollars less than the other | category=tents",
      "somewhere to sleep for 3 people | category=tents,capacity=3",
      // a value only one kind of product has, of an attribute few kinds have, names that kind
      "looking for a daypack under 80 | category=backpacks,max=80,use=daypack",
      // a party the shopper counts themself into
      "a tent for me and my two kids | category=tents,capacity=3",
      "a tent for my wife and i | category=tents,capacity=2",
      "tent for me my wife and our 2 kids | category=tents",
      "a tent for me, my wife and our 2 kids | category=tents,capacity=4",
      "a tent for the six of us | category=tents,capacity=6",
      "a tent for me and my dog | category=tents",
      "a tent for me and my kids | category=tents",
      // an amount of a graded attribute: its top grades
      "running shoes with lots of cushioning for long runs | category=running shoes,cushioning=max,cushioning=high",
      // a feature phrase claims its words from the values
      "a backpack for commuting that fits my laptop | category=backpacks,laptop_sleeve=yes"})
  void readsModifiersMeasuresRecipientsAndHeadCounts(String message, String expected) {
    assertSearchWith(RULES, message, expected);
  }

  @Test
  void aValueListingSeveralItems_fitsWhereTheMessageNamesOne() {
    Understanding u = RULES.understand("a smartwatch that works with my android phone", DialogueState.EMPTY);
    assertThat(u.filter().attributes()).containsEntry("compatibility", Set.of("android", "ios, android"));
    Understanding iphone = RULES.understand("a smartwatch that works with my iphone", DialogueState.EMPTY);
    assertThat(iphone.filter().attributes()).containsEntry("compatibility", Set.of("ios", "ios, android"));
    assertThat(iphone.filter().brands()).as("an iphone to work with is no brand asked for").isEmpty();
    Understanding not = RULES.understand("a smartwatch, not android", DialogueState.EMPTY);
    assertThat(not.filter().attributes()).doesNotContainKey("compatibility");
  }

  @Test
  void aColourOfOneCategoryAloneImpliesNoCategory() {
    // navy occurs in several kinds; a colour is an attribute every kind has, so it never implies one
    ProductFilter navy = RULES.understand("something in navy", DialogueState.EMPTY).filter();
    assertThat(navy.attributes()).containsEntry("color", Set.of("navy"));
    assertThat(navy.categories()).isEmpty();
  }

  @Test
  void partySizeCountsTheShopperAndEachPersonNamed() {
    assertThat(RuleUnderstander.partySize("a tent for me and my two kids")).isEqualTo(3);
    assertThat(RuleUnderstander.partySize("for my husband and me")).isEqualTo(2);
    assertThat(RuleUnderstander.partySize("me, my wife and our 3 kids")).isEqualTo(5);
    assertThat(RuleUnderstander.partySize("both of us")).isEqualTo(2);
    assertThat(RuleUnderstander.partySize("myself and my partner")).isEqualTo(2);
    assertThat(RuleUnderstander.partySize("the four of us")).isEqualTo(4);
    assertThat(RuleUnderstander.partySize("a gift for my dad and my mom")).isZero();
    assertThat(RuleUnderstander.partySize("me and my dog")).isZero();
    assertThat(RuleUnderstander.partySize("me and my kids")).isZero();
    assertThat(RuleUnderstander.partySize("shoes for me")).isZero();
  }

  /**
   * Messages stitched from the pieces the rules look for (numbers in units, bounds, relations, common
   * value words, Chinese head counts, punctuation) never make the rules throw, in either catalog, and
   * every constraint they read is one the catalog can satisfy or a value of the catalog.
   */
  @Test
  void arbitraryMixesOfTheRulesPieces_neverThrow() {
    String[] pieces = {"at least", "more than", "under", "or more", "or so", "around", "down to", "6mm", "0 degrees",
        "1.5 kg", "300g", "16gb", "40l", "-5", "$", "10 days", "ago", "for 6", "family of", "my dad", "for her", "drip",
        "long", "pair of", "a", "the", "ones", "not", "no", "how", "?", ",", "tents", "yoga", "does", "loves", "coffee",
        "四个人", "双人", "两千以内", "的", "不要", "华为", "手表", "坏了", "怎么办", "和", "、", "muddy", "german steel",
        "knife set", "ram", "storage", "and", "or", "1e9", "99999999", "人", "个", "十", "me and my", "two kids",
        "wife", "of us", "lots of", "cushioning", "the loudest", "wrong color", "少了一件", "android", "ios, android"};
    java.util.Random random = new java.util.Random(7);
    for (RuleUnderstander rules : List.of(RULES, CHINESE_DEMO)) {
      DialogueState state = DialogueState.EMPTY;
      for (int i = 0; i < 3_000; i++) {
        StringBuilder message = new StringBuilder();
        for (int w = random.nextInt(1, 9); w > 0; w--) {
          message.append(pieces[random.nextInt(pieces.length)]).append(random.nextInt(4) == 0 ? "" : " ");
        }
        Understanding u = rules.understand(message.toString(), state);
        assertThat(u.intent()).as(message.toString()).isNotNull();
        u.filter().attributes().forEach((name, values) -> assertThat(rules.catalog().attributeValues().get(name))
            .as("%s: %s", message, name).isNotNull());
        if (random.nextInt(3) == 0) {
          state = new DialogueState(u.filter(), u.need(), List.of(rules.catalog().products().get(0).id()), 0,
              u.intent());
        }
      }
    }
  }

  @Test
  void aHobbyNamesEveryCategoryItStarts() {
    assertThat(RULES.understand("a present for my brother who likes running", DialogueState.EMPTY).filter()
        .categories()).containsExactlyInAnyOrder("Running Shoes", "Trail Running Shoes");
    assertThat(RULES.understand("he doesn't like coffee, what else is there", DialogueState.EMPTY).filter()
        .categories()).isEmpty();
    assertThat(RULES.understand("he doesnt like coffee", DialogueState.EMPTY).filter().categories()).isEmpty();
  }

  @Test
  void aShortFollowUpCanBeAModifierValue_andAMeasureIsASearchNotAQuestion() {
    Understanding bags = RULES.understand("down sleeping bags", DialogueState.EMPTY);
    DialogueState s = new DialogueState(bags.filter(), bags.need(), List.of("OUT-SLB-0001"), 0, Intent.SEARCH);
    assertThat(RULES.understand("long ones", s).filter().attributes()).containsEntry("length", Set.of("long"));
    Understanding mats = RULES.understand("yoga mats", DialogueState.EMPTY);
    DialogueState m = new DialogueState(mats.filter(), mats.need(), List.of("FIT-YGM-0001"), 0, Intent.SEARCH);
    Understanding sixMm = RULES.understand("a 6mm one", m);
    assertEquals(Intent.SEARCH, sixMm.intent());
    assertThat(sixMm.filter().attributes()).containsEntry("thickness_mm", Set.of("6"));
    // the last word of a short follow-up that asks nothing; a question or a negation is not one
    Understanding blenders = RULES.understand("blenders", DialogueState.EMPTY);
    DialogueState b = new DialogueState(blenders.filter(), blenders.need(), List.of("HOME-BLN-0001"), 0, Intent.SEARCH);
    assertThat(RULES.understand("actually countertop ones", b).filter().attributes())
        .containsEntry("type", Set.of("countertop"));
    assertThat(RULES.understand("a personal one", b).filter().attributes()).containsEntry("type", Set.of("personal"));
    assertThat(RULES.understand("is it personal", b).filter().attributes()).doesNotContainKey("type");
    assertThat(RULES.understand("not personal", b).filter().attributes()).doesNotContainKey("type");
    Understanding coffee = RULES.understand("coffee makers", DialogueState.EMPTY);
    DialogueState c = new DialogueState(coffee.filter(), coffee.need(), List.of("HOME-COF-0001"), 0, Intent.SEARCH);
    assertThat(RULES.understand("programmable drip", c).filter().attributes())
        .containsEntry("programmable", Set.of("yes")).containsEntry("type", Set.of("drip"));
    // a bound in kilograms, read as a search, not as a question about the products shown
    Understanding tents = RULES.understand("backpacking tents", DialogueState.EMPTY);
    DialogueState t = new DialogueState(tents.filter(), tents.need(), List.of("OUT-TNT-0001"), 0, Intent.SEARCH);
    Understanding light = RULES.understand("lighter than 1.5 kg", t);
    assertEquals(Intent.SEARCH, light.intent());
    // "lighter than" leaves 1.5 itself out, and nothing else: a 1.45 kg tent added later passes
    assertThat(light.filter().attributes()).doesNotContainKey("weight_kg");
    ProductFilter.Range below = ProductFilter.Range.below(new java.math.BigDecimal("1.5"));
    assertThat(light.filter().attributeRanges()).containsEntry("weight_kg", below);
    assertTrue(below.contains("1.45") && !below.contains("1.5"));
    // a question after "and" is still a question
    assertEquals(Intent.PRODUCT_QUESTION, RULES.understand("and how much is the second one", new DialogueState(
        tents.filter(), tents.need(), List.of("OUT-TNT-0001", "OUT-TNT-0002"), 0, Intent.SEARCH)).intent());
  }

  @Test
  void wantingToSendBackWhatTheShopperHas_isAnOrderRequest_askingHowIsPolicy() {
    assertEquals(Intent.ORDER_REQUEST,
        RULES.understand("I'd like to return my jacket, it's too small", DialogueState.EMPTY).intent());
    assertEquals(Intent.ORDER_REQUEST,
        RULES.understand("i want to exchange the boots i bought for a bigger size", DialogueState.EMPTY).intent());
    assertEquals(Intent.POLICY_QUESTION,
        RULES.understand("how do I return my jacket?", DialogueState.EMPTY).intent());
    assertEquals(Intent.POLICY_QUESTION, RULES.understand("what is your return policy", DialogueState.EMPTY).intent());
    assertEquals(Intent.ORDER_REQUEST,
        RULES.understand("the handle on my pan came loose", DialogueState.EMPTY).intent());
    assertEquals(Intent.OUT_OF_SCOPE, RULES.understand("what can you do?", DialogueState.EMPTY).intent());
    // a time is not a measure: an order question stays one for the nearest examples to decide
    assertThat(RULES.understand("where's my stuff? ordered 5 days ago", DialogueState.EMPTY).intent())
        .isNotEqualTo(Intent.SEARCH);
  }

  private static final RuleUnderstander CHINESE_DEMO = new RuleUnderstander(DemoData.chineseCatalog(), null);

  @Test
  void aParcelMarkedDeliveredButNotReceived_isAnOrderRequest_andACoupleIsTwoPeople() {
    assertEquals(Intent.ORDER_REQUEST, CHINESE_DEMO.understand("快递显示签收了但我根本没收到", DialogueState.EMPTY).intent());
    assertEquals(Intent.POLICY_QUESTION, CHINESE_DEMO.understand("快递多久能收到", DialogueState.EMPTY).intent());
    assertThat(CHINESE_DEMO.understand("我们两口子去露营，要个帐篷", DialogueState.EMPTY).filter().attributes())
        .containsEntry("人数", Set.of("2"));
    assertThat(CHINESE_DEMO.understand("有white的耳机吗", DialogueState.EMPTY).filter().attributes())
        .containsEntry("颜色", Set.of("白色"));
  }

  @Test
  void chineseNamesRelationsAndHeadCounts() {
    // a brand and a product type together name the one product whose title has both
    Understanding compare = CHINESE_DEMO.understand("比较一下华为智能手表和小米智能手环", DialogueState.EMPTY);
    assertEquals(Intent.COMPARE, compare.intent());
    assertThat(compare.referencedIds()).containsExactly("ZH-WATCH-01", "ZH-WATCH-02");
    Understanding price = CHINESE_DEMO.understand("华为智能手表多少钱", DialogueState.EMPTY);
    assertEquals(Intent.PRODUCT_QUESTION, price.intent());
    assertEquals("price", price.askedAttribute());
    // a brand with the head of a title word (手表 ends 智能手表) names the product for a question about it,
    // not for whether there are any
    Understanding watch = CHINESE_DEMO.understand("华为手表多少钱", DialogueState.EMPTY);
    assertEquals(Intent.PRODUCT_QUESTION, watch.intent());
    assertThat(watch.referencedIds()).containsExactly("ZH-WATCH-01");
    assertEquals(Intent.SEARCH, CHINESE_DEMO.understand("索尼的耳机有吗", DialogueState.EMPTY).intent());
    // one word of a title alone names nothing, and a brand of two products names neither
    assertThat(CHINESE_DEMO.understand("李宁的鞋", DialogueState.EMPTY).referencedIds()).isEmpty();
    assertThat(CHINESE_DEMO.understand("透气网面的跑鞋", DialogueState.EMPTY).referencedIds()).isEmpty();
    // a relation gives the gender where the category has one
    assertThat(CHINESE_DEMO.understand("给老婆买件冲锋衣", DialogueState.EMPTY).filter().attributes())
        .containsEntry("性别", Set.of("女"));
    assertThat(CHINESE_DEMO.understand("给老爸买个保温杯", DialogueState.EMPTY).filter().attributes()).isEmpty();
    assertThat(CHINESE_DEMO.understand("给我爸买件冲锋衣", DialogueState.EMPTY).filter().attributes())
        .containsEntry("性别", Set.of("男"));
    // a fault with "what do I do" is the shopper's own; a short "X的" narrows the search in hand
    assertEquals(Intent.ORDER_REQUEST, CHINESE_DEMO.understand("耳机坏了怎么办", DialogueState.EMPTY).intent());
    Understanding cups = CHINESE_DEMO.understand("杯子", DialogueState.EMPTY);
    assertEquals(Intent.SEARCH, CHINESE_DEMO.understand("不锈钢的", new DialogueState(cups.filter(), cups.need(),
        List.of("ZH-CUP-01"), 0, Intent.SEARCH)).intent());
    // a fault in what the shopper bought; a price bound alone is a search
    assertEquals(Intent.ORDER_REQUEST, CHINESE_DEMO.understand("买的背包拉链坏了", DialogueState.EMPTY).intent());
    Understanding gift = CHINESE_DEMO.understand("送女朋友的生日礼物，她喜欢喝茶，500块以内", DialogueState.EMPTY);
    assertEquals(Intent.SEARCH, gift.intent());
    assertThat(gift.filter().maxPrice()).isEqualByComparingTo("500");
    // a family counted by mouths: 一家四口, 三口之家
    assertThat(CHINESE_DEMO.understand("适合一家四口的帐篷", DialogueState.EMPTY).filter().attributes())
        .containsEntry("人数", Set.of("4"));
    assertThat(CHINESE_DEMO.understand("两口之家用的帐篷", DialogueState.EMPTY).filter().attributes())
        .containsEntry("人数", Set.of("2"));
    // a fault said as what stopped: no sound
    assertEquals(Intent.ORDER_REQUEST, CHINESE_DEMO.understand("我的耳机左边没声音了", DialogueState.EMPTY).intent());
    // a part missing from what came, counted with any measure word
    assertEquals(Intent.ORDER_REQUEST, CHINESE_DEMO.understand("我买的帐篷少了根杆子", DialogueState.EMPTY).intent());
    // head counts as the titles write them
    assertEquals("能睡四人的帐篷", RuleUnderstander.chineseHeadcount("能睡四个人的帐篷"));
    assertEquals("两个双人睡袋", RuleUnderstander.chineseHeadcount("两个两人睡袋"));
    assertEquals("单人帐篷", RuleUnderstander.chineseHeadcount("一个人帐篷"));
    assertEquals("十二人", RuleUnderstander.chineseHeadcount("十二个人"));
    // a head count constrains the tents' 人数
    for (String m : List.of("需要一个能睡四个人的帐篷", "四人帐篷", "下个月去露营，需要一个能睡四个人的帐篷")) {
      assertThat(CHINESE_DEMO.understand(m, DialogueState.EMPTY).filter().attributes()).as(m)
          .containsEntry("人数", Set.of("4"));
    }
    assertThat(CHINESE_DEMO.understand("两个人露营用的帐篷", DialogueState.EMPTY).filter().attributes())
        .containsEntry("人数", Set.of("2"));
    assertThat(CHINESE_DEMO.understand("单人帐篷", DialogueState.EMPTY).filter().attributes())
        .containsEntry("人数", Set.of("1"));
    assertThat(CHINESE_DEMO.understand("个人用的背包", DialogueState.EMPTY).filter().attributes()).isEmpty();
  }

  @Test
  void chineseProductWordsAndModifiers_pickTheChildCategory() {
    // the longer product-type word of the titles holds 跑步鞋's short form 步鞋
    assertThat(CHINESE_DEMO.understand("给老爸买双徒步鞋，预算六百", DialogueState.EMPTY).filter().categories())
        .containsExactly("登山鞋");
    // a child's modifier before the parent's head word
    assertThat(CHINESE_DEMO.understand("有没有适合跑马拉松的鞋子", DialogueState.EMPTY).filter().categories())
        .containsExactly("跑步鞋");
    assertThat(CHINESE_DEMO.understand("登山穿的鞋", DialogueState.EMPTY).filter().categories())
        .containsExactly("登山鞋");
    assertThat(CHINESE_DEMO.understand("鞋子有哪些", DialogueState.EMPTY).filter().categories()).containsExactly("鞋");
    // not across a clause, and not after a negation
    assertThat(CHINESE_DEMO.understand("跑了一天，鞋子有哪些", DialogueState.EMPTY).filter().categories())
        .containsExactly("鞋");
    assertThat(CHINESE_DEMO.understand("保温瓶有吗", DialogueState.EMPTY).filter().categories()).containsExactly("杯子");
  }

  @Test
  void chineseFaultsPolicyQuestionsAndMore() {
    assertEquals(Intent.ORDER_REQUEST, CHINESE_DEMO.understand("收到的杯子裂了", DialogueState.EMPTY).intent());
    assertEquals(Intent.ORDER_REQUEST, CHINESE_DEMO.understand("我的耳机充不进电了", DialogueState.EMPTY).intent());
    for (String m : List.of("我买错了，能换吗", "下单后还能改地址吗", "东西什么时候能寄出", "我想退掉上周买的鞋子，怎么弄")) {
      assertEquals(Intent.POLICY_QUESTION, CHINESE_DEMO.understand(m, DialogueState.EMPTY).intent(), m);
    }
    Understanding shoes = CHINESE_DEMO.understand("跑步鞋", DialogueState.EMPTY);
    DialogueState s = new DialogueState(shoes.filter(), shoes.need(), List.of("A"), 0, Intent.SEARCH,
        PriceOrder.CHEAPEST_FIRST);
    Understanding more = CHINESE_DEMO.understand("再来几双", s);
    assertThat(more.nextPage()).isTrue();
    assertEquals(PriceOrder.CHEAPEST_FIRST, more.priceOrder());
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
      "给女儿买跑步鞋 | category=跑步鞋,性别=女",
      "给儿子和女儿买跑步鞋 | category=跑步鞋",
      "女生穿的跑步鞋 | category=跑步鞋,性别=女",
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

  /** Categories with parents, and titles whose product-type words are not category names (羽绒服, 茶壶). */
  private static final RuleUnderstander CHINESE_WORDS = new RuleUnderstander(io.guidesdk.core.catalog.Catalog.of(
      List.of(pathed("S1", "轻量跑步鞋", 399, "鞋", "跑步鞋"), pathed("S2", "防水登山鞋", 599, "鞋", "登山鞋"),
          pathed("W1", "运动智能手表", 1288, "数码", "智能手表"), pathed("C1", "不锈钢保温杯 500毫升", 89, "厨房", "杯子"),
          pathed("C2", "陶瓷马克杯", 39, "厨房", "杯子"), pathed("C3", "软木杯垫 四片装", 19, "厨房", "杯垫"),
          pathed("B1", "户外登山背包 40升", 329, "户外", "背包"), pathed("B2", "城市通勤双肩包", 199, "户外", "背包"),
          pathed("K1", "不锈钢保温茶壶", 129, "厨房", "茶具"), pathed("T1", "直筒牛仔裤", 199, "服装", "裤子"),
          pathed("J1", "女款轻薄羽绒服", 799, "服装", "外套"), pathed("J2", "男款长款羽绒服", 1299, "服装", "外套"))),
      null);

  private static io.guidesdk.Product pathed(String id, String title, double price, String... path) {
    return io.guidesdk.Product.builder(id, title, io.guidesdk.Money.of(price, "CNY")).category(path).build();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "跑步鞋 | category=跑步鞋",
      "跑鞋 | category=跑步鞋",
      "想买双跑鞋，四百以内 | category=跑步鞋,max=400",
      "登山鞋 | category=登山鞋",
      "手表 | category=智能手表",
      "想买个保温杯，预算150 | category=杯子,max=150",
      "马克杯 | category=杯子",
      "杯子 | category=杯子",
      "杯垫 | category=杯垫",
      "牛仔裤 | category=裤子",
      "想看看羽绒服 | category=外套",
      "茶壶 | category=茶具",
      "保温茶壶 | category=茶具",
      "数码手表 | category=智能手表",
      "厨房杯子 | category=杯子",
      "有没有轻一点的登山包 | category=背包",
      "双肩包 | category=背包"})
  void chineseShortFormsAndProductTypeWordsNameTheirCategory(String message, String expected) {
    assertSearchWith(CHINESE_WORDS, message, expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"不要跑鞋", "不要保温杯", "不要羽绒服", "保温的", "茶壶和羽绒服", "一杯咖啡", "包邮吗"})
  void negatedOrAmbiguousChineseWordsNameNoCategory(String message) {
    Understanding u = CHINESE_WORDS.understand(message, DialogueState.EMPTY);
    assertThat(u.filter().categories()).as(message).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"您好，在吗, GREETING", "在吗, GREETING", "帮我查一下订单发货了没, ORDER_REQUEST",
      "多久能收到货, POLICY_QUESTION", "几天能送到, POLICY_QUESTION", "跑步鞋, SEARCH"})
  void readsChineseIntentCues(String message, Intent expected) {
    assertEquals(expected, CHINESE.understand(message, DialogueState.EMPTY).intent());
  }

  @Test
  void chineseQuestionsOfMeasureAboutAShownProductAreProductQuestions() {
    DialogueState shown = new DialogueState(ProductFilter.builder().category("跑步鞋").build(), "跑步鞋",
        List.of("Z1", "Z2"), 0, Intent.SEARCH);
    Understanding thick = CHINESE.understand("这个有多厚", shown);
    assertEquals(Intent.PRODUCT_QUESTION, thick.intent());
    assertThat(thick.referencedIds()).containsExactly("Z1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Li-Ning的跑步鞋 | category=跑步鞋,brand=李宁",
      "anta跑步鞋，不要li ning | category=跑步鞋,brand=安踏,-brand=李宁",
      "不要Anta的跑步鞋 | category=跑步鞋,-brand=安踏"})
  void aBrandsLatinNameFindsItsChineseNameInTheCatalog(String message, String expected) {
    assertSearchWith(CHINESE, message, expected);
  }

  @Test
  void aTraditionalMessage_isReadAgainstASimplifiedCatalog_unlessConversionIsOff() {
    String message = "不要李寧的跑步鞋，預算四百";
    Understanding converted = CHINESE.understand(message, DialogueState.EMPTY);
    assertThat(new TreeSet<>(DialogueEvaluator.atoms(converted.filter())))
        .containsExactly("-brand=李宁", "category=跑步鞋", "max=400");
    RuleUnderstander asWritten = new RuleUnderstander(CHINESE.catalog(), null, IntentRecognition.RULES_AND_EXAMPLES,
        false);
    assertThat(asWritten.understand(message, DialogueState.EMPTY).filter().excludedBrands()).isEmpty();
  }

  @Test
  void aBrandInTheTitlesIsNotAProductTypeWord() {
    // 李宁 is in the titles of running shoes only, but a shopper asking for 李宁 asked for the brand
    Understanding u = CHINESE.understand("李宁有什么", DialogueState.EMPTY);
    assertThat(u.filter().brands()).containsExactly("李宁");
    assertThat(u.filter().categories()).isEmpty();
  }

  @Test
  void aBrandsChineseNameFindsItsLatinNameInTheCatalog() {
    Understanding u = RULES.understand("耐克的跑鞋", DialogueState.EMPTY);
    assertThat(u.filter().brands()).containsExactly("Nike");
    assertThat(u.filter().categories()).containsExactly("Running Shoes");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "四百以内的跑步鞋 | category=跑步鞋,max=400",
      "一千以下的外套 | category=外套,max=1000",
      "外套，不超过三百 | category=外套,max=300",
      "跑步鞋 预算一千 | category=跑步鞋,max=1000",
      "外套 两千以上 | category=外套,min=2000",
      "两个以上的跑步鞋 | category=跑步鞋",
      "至少两个跑步鞋 | category=跑步鞋",
      // "don't go over" and the money in hand are upper bounds
      "跑步鞋，别超过五百 | category=跑步鞋,max=500",
      "手里就两百块，想买个外套 | category=外套,max=200",
      "跑步鞋，超过五百的 | category=跑步鞋,min=500"})
  void readsChineseNumeralsBeforeAPriceBoundOrAfterAPriceCue(String message, String expected) {
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
