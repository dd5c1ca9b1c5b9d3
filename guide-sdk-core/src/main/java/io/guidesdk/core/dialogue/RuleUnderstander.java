package io.guidesdk.core.dialogue;

import io.guidesdk.Intent;
import io.guidesdk.Product;
import io.guidesdk.ProductFilter;
import io.guidesdk.core.catalog.Catalog;
import io.guidesdk.core.text.ChineseScript;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads intent and constraints from a message with rules over the catalog's own vocabulary (its
 * categories, brands and attribute values) and, where no rule decides the intent, the nearest
 * labelled examples. Prices: "under $100", "below 80", "between 50 and 80", "$50-$80", "over 200",
 * "cheaper", "100元以下". Brands and attribute values: "Nike", "not Nike", "in black", "waterproof",
 * "size 10", "for women". Follow-ups ("in black", "cheaper ones", "show me more") refine the state.
 *
 * <p>Hand-written rather than a library: no Java NLU library reads against a catalog's own vocabulary
 * without training data, and these rules are small, tested and evaluated by {@code guide eval dialogue}.
 */
final class RuleUnderstander {
  /** Only the start of a long message is read: the rules and the encoder need no more. */
  static final int MAX_READ_CHARS = 2_000;
  /** Prices above this are not prices a shopper means. */
  static final BigDecimal MAX_PRICE = new BigDecimal("10000000");
  /** Below this similarity to every labelled example a message is unfamiliar: out of scope unless rules say otherwise. */
  static final double MIN_FAMILIAR = 0.30;

  private static final String AMOUNT =
      "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|\\d{1,7}(?:[.,]\\d{1,2})?)(?![\\d.,]*\\d)";
  /** A unit after a number makes it a measure, not a price: "under 300g", "6mm", "0 degrees". */
  private static final String UNIT = "(?:mm|millimet(?:er|re)s?|cm|kgs?|kilo(?:gram)?s?|g|grams?|lbs?|pounds?|oz|ounces?"
      + "|l|lit(?:er|re)s?|gb|tb|degrees?|°|f|fahrenheit|inch(?:es)?|hours?|hrs?|days?|w|watts?|pieces?|pcs|speeds?|people|persons?)"
      + "(?![\\p{IsLatin}])|毫米|公斤|千克|克|升|英寸|小时|瓦|件套";
  private static final String NUM = "(?:\\$|usd\\s*|¥)?\\s*" + AMOUNT + "\\s*(?:dollars|bucks|usd|元|块钱?)?"
      + "(?!\\s*-?\\s*(?:" + UNIT + "))";
  private static final Pattern BAD_PRICE = Pattern.compile(
      "(?<![\\d.]\\s{0,3})(?:\\$\\s*)?-\\s*\\$?\\s*\\d[\\d.,]*|\\$?\\s*\\d+(?:\\.\\d+)?e[+-]?\\d+|\\$\\s*\\d{8,}[\\d.,]*");
  private static final Pattern BETWEEN = Pattern.compile(
      "(?:between|from)\\s+" + NUM + "\\s*(?:and|to|-)\\s*" + NUM);
  private static final Pattern RANGE = Pattern.compile("\\$\\s*" + AMOUNT + "\\s*(?:-|to)\\s*\\$?\\s*" + AMOUNT);
  /** "50 to 100 dollars", "50-100 bucks": the currency after the second amount only. */
  private static final Pattern RANGE_BEFORE_CURRENCY = Pattern.compile(
      "\\b" + AMOUNT + "\\s*(?:-|to)\\s*" + AMOUNT + "\\s*(?:dollars|bucks|usd)\\b");
  /** "200元到500元之间", "200到500元", "¥200-500块": a unit or 之间 after the second amount. */
  private static final Pattern CN_RANGE = Pattern.compile(
      "(?:¥\\s*)?" + AMOUNT + "\\s*(?:元|块钱?)?\\s*(?:到|至|~|～|-|—)\\s*(?:¥\\s*)?" + AMOUNT + "\\s*(?:元|块钱?|之间)");
  /**
   * An amount in Chinese numerals before a currency unit or a price bound: 两千元, 三百五十块, 一千五元,
   * 四百以内, 一千以下 (but not 两个以上: a measure word stands between).
   */
  private static final Pattern CN_AMOUNT = Pattern.compile(
      "(?<![几多])([零一二两三四五六七八九十百千万]+)(?=\\s*(?:元|块|以下|以内|之内|以上|左右))");
  private static final String EN_NUMBER_WORD = "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
      + "|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
      + "|eighty|ninety|hundred|thousand)";
  private static final String EN_NUMBER = "(?:(?:a |an )(?=hundred|thousand))?" + EN_NUMBER_WORD
      + "(?:(?:[- ]|(?<=hundred|thousand) and )" + EN_NUMBER_WORD + ")*";
  /**
   * An amount in English number words where a price or a head count is meant: after a price cue ("under
   * a hundred", "between fifty and eighty", "sleeps four") or before a unit ("two hundred dollars", "four
   * people"). Elsewhere number words stay words ("the first one", "compare the two").
   */
  private static final Pattern EN_AMOUNT = Pattern.compile(
      "\\b((?:under|below|less than|cheaper than|at most|max(?:imum)?|up to|no more than|within|budget(?: is| of)?"
          + "|over|above|more than|at least|around|about|between|from|sleeps|\\d+ (?:and|to))\\s+)(" + EN_NUMBER + ")\\b"
          + "|\\b(" + EN_NUMBER + ")(\\s*(?:dollars?|bucks|usd|quid|euros?|grand|people|persons?)\\b)");
  /** Thousands as shoppers say them: "half a grand", "a grand", "2 grand", "under 1.5k", "$2k". */
  private static final Pattern HALF_A_GRAND = Pattern.compile("\\bhalf a grand\\b");
  private static final Pattern GRAND = Pattern.compile("\\b(?:(a|one)|(\\d{1,3}(?:\\.\\d{1,2})?))\\s*grand\\b");
  private static final Pattern THOUSANDS_K = Pattern.compile(
      "(\\$\\s*|\\b(?:under|below|over|above|than|to|up to|around|about|budget(?: is| of)?|max|within|between|and"
          + "|for|spend|of)\\s+\\$?)(\\d{1,3}(?:\\.\\d{1,2})?)\\s?k\\b");
  /** "under a kilo": the article for one, before a unit. */
  private static final Pattern ONE_UNIT = Pattern.compile(
      "\\b(?:a|one)\\s+(kilo(?:gram)?|kg|lit(?:er|re)|pound|lb|gallon)\\b");

  /**
   * The value of English number words ("a hundred", "two hundred fifty", "forty-five", "one thousand and
   * twenty"), or 0 where they do not make a number.
   */
  static long englishNumber(String words) {
    long total = 0;
    long current = 0;
    for (String w : words.split("[- ]+")) {
      int small = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen").indexOf(w);
      int tens = List.of("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety").indexOf(w);
      if (small > 0) {
        current += small;
      } else if (tens >= 0) {
        current += 20 + 10L * tens;
      } else if (w.equals("hundred")) {
        current = Math.max(current, 1) * 100;
      } else if (w.equals("thousand")) {
        total += Math.max(current, 1) * 1000;
        current = 0;
      } else if (!w.equals("a") && !w.equals("an") && !w.equals("and")) {
        return 0;
      }
    }
    return total + current;
  }

  /** An amount in Chinese numerals after a price cue, on its own: 预算一千, 不超过三百. */
  private static final Pattern CN_AMOUNT_AFTER_CUE = Pattern.compile(
      "((?:预算(?:是|为|在|大概|有)?|不超过|低于|高于|超过|至少|最多|不到|不低于|不少于|不高于"
          + "|(?:手里|手上|兜里)(?:就|只)(?:有|剩)?)\\s*)"
          + "([零一二两三四五六七八九十百千万]+)(?=[\\s\\p{P}的]|$)");

  /**
   * Not after "no" or "not": "no more than $100" is at most 100, "not under $50" at least 50 (as
   * {@code (?<!不)} keeps 不低于 from reading as 低于).
   */
  private static final String NOT_NEGATED = "(?<!\\bno\\s)(?<!\\bnot\\s)(?<!\\bnothing\\s)";
  private static final Pattern MAX = Pattern.compile(
      "(?:" + NOT_NEGATED + "(?:under|below|less than|cheaper than)|less than or equal to|at or below|at most"
          + "|max(?:imum)?|up to|no more than|not more than|not over|not above|nothing over|nothing above"
          + "|nothing more than|no higher than|no more expensive than|within|budget(?: is| of)?|<=?"
          + "|(?<!不)低于|不超过|别超过|别高于|(?<!不)少于|不高于|最多|不到|预算(?:是|为|在|大概|有)?"
          + "|(?:手里|手上|兜里)(?:就|只)(?:有|剩)?)\\s*" + NUM);
  private static final Pattern MAX_AFTER = Pattern.compile(NUM + "\\s*(?:or (?:less|under|below|lower|cheaper)"
      + "|and (?:under|below)|max(?:imum)?|at (?:the )?most|tops|budget|to spend|以下|以内|之内)");
  private static final Pattern MIN = Pattern.compile(
      "(?:" + NOT_NEGATED + "(?:over|above|more than|greater than|more expensive than|pricier than)"
          + "|(?:more|greater) than or equal to|at or above|at least|min(?:imum)?|starting at|no less than"
          + "|not less than|not under|not below|no cheaper than|not cheaper than|>=?|(?<![不别])高于|(?<![不别])超过|不低于|不少于"
          + "|至少)\\s*" + NUM);
  private static final Pattern MIN_AFTER = Pattern.compile(NUM + "\\s*(?:or (?:more|above|over|higher)|and (?:up|above)"
      + "|min(?:imum)?|at (?:the )?least|\\+|以上|起)");
  private static final Pattern GREETING = Pattern.compile(
      "^(hi|hello|hey|hiya|good (morning|afternoon|evening)|thanks|thank you|thx|ty|bye|goodbye|see you|cheers|great|"
          + "perfect|ok|okay|that's all|you're welcome|你好|您好|谢谢|多谢|谢啦|再见|拜拜|哈喽|嗨|在吗|在不在|早上好|下午好"
          + "|晚上好)\\b?[\\s\\p{P}\\p{So}\\p{Sk}\\p{Cs}]*"
          + "(there|so much|a lot|for (the|your) help|thanks|thank you|bye|guide|在吗|在不在|啊|呀)?"
          + "[\\s\\p{P}\\p{So}\\p{Sk}\\p{Cs}]*$");
  private static final Pattern POLICY = Pattern.compile(
      "\\b(shipping|ship|deliver(y|ies)?|return(s|ing)?|refund(s|ed)?|warrant(y|ies)|guarantee|payment(s)?|pay|paypal"
          + "|credit card|klarna|afterpay|instal?lments?|gift cards?|price match(ing)?|price drop|gift wrap(ping)?"
          + "|pick ?up|exchange|promo codes?|coupon|customer service|back in stock|restock)\\b"
          + "|运费|配送|发货|退货|退款|保修|支付|付款|发票|包邮|换货|到账|快递|收到货|客服|多久(?:能|可以)?(?:到|送到|收到)"
          + "|几天(?:能|可以)?(?:到|送到|收到)"
          + "|(?:能|可以|可不可以|能不能)(?:换|退|改地址|改收货地址|开发票|开票)(?:吗|么|嘛|[?？]|$)|退掉|想退|要退|退回"
          + "|什么时候(?:能|会|可以)?(?:寄出|发出|发货)");
  private static final Pattern ORDER = Pattern.compile(
      "\\b(my order|my orders|my package|my parcel|my purchase|order (number|no\\.?|#)|order \\d+|#\\d{3,}|cancel|"
          + "track(ing)?( my)?|where is my|change my|wrong (?:item|color|colou?r|size|model|product|one|thing|order)"
          + "|(?:item|piece|part)s? (?:is |are |was |were )?missing|missing (?:an? |one |the )?(?:item|piece|part)s?"
          + "|never arrived|hasn'?t arrived|not arrived|invoice|"
          + "arrived damaged|damaged|the order i (?:placed|made)|order i (?:placed|made)|broke|broken|defective|faulty"
          + "|stopped working|doesn'?t work|does not work|not working|fell apart)\\b"
          + "|我的订单|取消订单|物流|查.{0,4}订单|订单号|发货了(?:没|吗)|弄坏|摔坏|坏掉了|破损"
          + "|(?:没|没有|未)收到|显示(?:已)?签收"
          + "|少(?:了|发了?)(?:一|两|几)?(?:件|个|样|双|根|条|只|块|颗|片|套|把|本)|漏发|发错|寄错|颜色不对|尺码不对");
  /**
   * A fault described without a defect word ("won't charge", "leaks from the lid", "the handle cracked");
   * an order request only about something the shopper has ({@link #POSSESSION}) and does not want to
   * replace ({@link #WANTS_NEW}): "a bottle that doesn't leak" is a search.
   */
  private static final Pattern FAULT = Pattern.compile(
      "\\b((?:won'?t|will not|doesn'?t|does not|can'?t|cannot|no longer|stopped) (?:charge|charging|turn on|power on|"
          + "switch on|connect|connecting|pair|pairing|hold (?:a )?charge|close|zip|seal|heat|heating|stay (?:on|closed|charged))"
          + "|leak(?:s|ing|ed)?|cracked|cracks|torn|ripped|peeling|came apart|coming apart|dented|scratched|snapped"
          + "|shattered|frayed|split open|broke off|smells? (?:weird|funny|bad|strange|off|awful|like \\p{L}+)|stinks"
          + "|(?:has|makes|gives off|gives) an? (?:weird|strange|bad|funny|chemical|burning|burnt|plastic) (?:smell|odou?r)"
          + "|smells? (?:of |like )?burn(?:ing|t)|"
          + "came loose|come loose|coming loose|fell off|came off|falling off|"
          + "keeps (?:disconnecting|turning off|leaking|falling apart)|missing (?:parts|pieces)|dead on arrival)\\b"
          + "|漏水|漏雨|漏气|渗水|裂了|开裂|裂缝|裂痕|坏了|破了|[拧盖关]不紧|合不上|拉不上|扣不上|充不进电|充不了电|开不了机|连不上|没(?:有)?声音了?|没反应|不响了|不亮了");
  /**
   * A question whether the shop can send something somewhere ("is it possible to get my parcel sent to
   * Canada?"): a shipping policy question even where it says "my parcel", unless it names an order.
   */
  private static final Pattern CAN_SHIP_TO = Pattern.compile(
      "\\b(is it possible|can (?:i|you|we)|could (?:i|you)|do you|are you able|would you)\\b.*"
          + "\\b(ship|shipped|send|sent|deliver|delivered)\\b.*\\bto\\b");
  /**
   * A shopper saying they want to send something back ("I'd like to return my jacket, it's too small"):
   * a request about their own order, with {@link #POSSESSION}, unless asked as a question ("how do I
   * return my jacket?" is answered from the return policy).
   */
  private static final Pattern RETURN_REQUEST = Pattern.compile(
      "\\b(?:i'?d like to|i would like to|i want to|i wanna|i need to|i have to|i'?m going to|i'?d like a|i want a"
          + "|i need a)\\s+(?:return|exchange|send back|refund)\\b");
  /** Asking after one's own refund or return ("has my refund been processed yet", "where is my refund"). */
  private static final Pattern MY_REFUND = Pattern.compile(
      "\\bmy (?:refund|return|exchange|replacement)\\b.*\\b(?:processed|yet|status|arrived|received|come through"
          + "|gone through|been issued|approved)\\b|\\bwhere(?:'s| is) my (?:refund|return|replacement)\\b");
  private static final Pattern NAMES_AN_ORDER = Pattern.compile("\\border (?:number|no\\.?|#)|order \\d+|#\\d{3,}");
  private static final Pattern POSSESSION = Pattern.compile(
      "\\b(my|mine|i (?:got|bought|ordered|received|purchased)|(?:got|bought|ordered|received|purchased) (?:it|them|this|these)"
          + "|(?:from|off) you)\\b|我(?:买|收到|的)|收到的|买的|买了|到手");
  /** Asking what to do about a fault makes it the shopper's own ("耳机坏了怎么办", "it leaks, what do I do?"). */
  private static final Pattern WHAT_TO_DO = Pattern.compile(
      "\\bwhat (?:do|should|can) i do\\b|\\bwhat now\\b|怎么办|咋办|怎么处理|如何处理");
  /**
   * A Chinese fault stated as a change of state (坏了, 没声音了, 开不了机): said of something the shopper
   * already has, so it needs no 我的. Leaking (漏水) is left out: 不漏水的杯子 is a search.
   */
  private static final Pattern CN_OWN_FAULT = Pattern.compile(
      "坏了|破了|裂了|开裂了|没(?:有)?声音|没反应|不响了|不亮了|充不进电|充不了电|开不了机|连不上|[拧盖关]不紧|合不上"
          + "|拉不上|扣不上");
  private static final Pattern WANTS_NEW = Pattern.compile(
      "\\b(need (?:a )?new|new ones?|replacement|replace (?:it|them)|looking for|recommend|something (?:that|which))\\b"
          + "|换(?:个|一个)新|推荐");
  private static final Pattern COMPARE = Pattern.compile(
      "\\b(compare|comparison|difference(s)? between|differ|vs\\.?|versus|side by side|which (one )?is (better|lighter|"
          + "cheaper|warmer|bigger|smaller|heavier)|which (one|of them|of these) (should|would)|better, the"
          + "|which (?:one |of (?:these|them|those) )?(?:is|has|have|lasts|weighs) the (?:\\p{L}+est|most|least|best)"
          + ")\\b"
          + "|比较|对比|区别|有什么不同|哪(?:个|款|一个|一款)(?:好|更)");
  private static final Pattern RECOMMEND = Pattern.compile(
      "\\b(recommend|recommendation(s)?|suggest(ion|ions)?|what should i (buy|get)|surprise me|for me\\b|popular|"
          + "best ?sellers?|top picks|trending|what do (other )?(people|shoppers) buy|pick something)\\b|推荐");
  private static final Pattern QUESTION = Pattern.compile(
      "^(?:(?:and|so|ok|okay|also|but|then|well|oh)[, ]+)*"
          + "(is|are|does|do|can|will|has|have|how (heavy|long|big|much|many|warm|light)|what('s| is| are|'re)? (the|its|it's|"
          + "their)|what (size|sizes|colou?rs?|material)|which (size|sizes|colou?rs?)|tell me (more )?about|more about|"
          + "details (on|of|about)|describe)\\b.*|.*\\?$|.*(?:吗|呢|多少|多[重大长高宽久贵厚薄沉轻远深]|什么|怎么样|怎样|如何|是不是|是否|？).*");
  /** Messages that try to instruct the guide rather than shop: answered as out of scope, never obeyed. */
  private static final Pattern INSTRUCTION = Pattern.compile(
      "\\b(ignore (all |any |the )?(previous|prior|above|earlier)|system prompt|your (instructions|prompt|configuration|"
          + "config|api key|rules)|pretend (to be|you are)|you are now|act as|repeat after me|jailbreak|developer mode)\\b"
          + "|^(say|tell me|print|output|write|respond with) (that |the )?(price|it|the word|this|\"|')");
  /** A question about what the guide can do, answered by the out-of-scope reply, which says so. */
  private static final Pattern CAPABILITIES = Pattern.compile(
      "^(?:so |and |ok |okay )?(?:what can you do|what do you do|what are you|who are you|what can you help (?:me )?with"
          + "|how does this work|how do you work|what can i ask(?: you)?)[\\s?!.]*$|^(?:你能做什么|你会什么|你是谁|你能干什么)[？?]*$");
  private static final Pattern CHEAPER = Pattern.compile(
      "\\b(cheaper|less expensive|lower price(d)?|more affordable|too (expensive|pricey)|something cheaper)\\b|(?<!最)便宜");
  /**
   * "the cheapest one", "最便宜": a follow-up about the products in hand, so the constraints stay as they are
   * (unlike {@link #CHEAPER}, which asks for something cheaper than everything shown).
   */
  private static final Pattern PRICE_SUPERLATIVE = Pattern.compile(
      "\\b(cheapest|least expensive|lowest priced|most expensive|priciest)\\b|最便宜|最贵|价格最低|最低价");
  /** A request to go back from a price order to the best matches. */
  private static final Pattern RELEVANCE_ORDER = Pattern.compile(
      "\\b(best match(es)?|most relevant|most popular|top rated|highest rated|best rated|by relevance)\\b"
          + "|最相关|最热门|最受欢迎|评分最高|好评最多");
  private static final Pattern DEAREST = Pattern.compile("\\b(most expensive|priciest)\\b|最贵");
  private static final Pattern PRICIER = Pattern.compile(
      "\\b(more expensive|pricier|higher end|high-end|premium|better quality)\\b|贵一点");
  private static final Pattern MORE = Pattern.compile(
      "\\b(show (me )?(a few |some )?more|more (options|results|of (those|these|them))|next (page|ones)|other options|"
          + "any others|what else|(a few|some) more( please)?$)\\b|更多|还有别的|还有其他|其他的|换一批|再来(?:几|一些|一批)|再看看别的|多来几");
  /**
   * A superlative of a quality over the list shown ("the loudest ones", "the lightest"): a refinement
   * of the search, not a comparison (no sort: which attribute "loud" means is not known).
   */
  private static final Pattern SUPERLATIVE_REFINE = Pattern.compile(
      "^(?:(?:and |just |only |show me |i want |i'?d like )?the )"
          + "(?:(?!(?:chest|guest|quest|crest|forest|honest|interest|contest|protest|request|digest|invest|suggest"
          + "|arrest|harvest|modest|tempest)\\b)\\p{L}{2,}est|most \\p{L}{3,})(?: ones?| options?| models?| pairs?)?[.!?]*$");
  private static final Pattern REFINE_CUE = Pattern.compile(
      "^(in |only |just |what about|how about|and |any |but |also |with |without |not |no |prefer|make (it|them)|"
          + "ones? |those |them |the same)");
  private static final Pattern NEGATION = Pattern.compile(
      "(?:\\bnot|\\bno|\\bexcept|\\bwithout|\\bother than|\\bbut not|\\bexclude|\\bexcluding|\\bnothing from|\\banything but"
          + "|\\bno more|\\bdon'?t (?:want|like)|\\bdo not (?:want|like)|\\b(?:is|are)n'?t|\\bhate|\\bavoid)\\s+(?:\\p{L}+\\s+)?$"
          // Chinese writes no space: the negation stands right before what it negates
          + "|(?:不要|不想要|除了|除去|不是|排除|不含)\\s*$");
  /**
   * A Chinese negation a few characters before a word's head: a short form or product-type word is
   * the end of a compound (不要保温杯), so the negation need not stand right before it.
   */
  private static final Pattern CN_NEGATED_WORD = Pattern.compile("(?:不要|不想要|除了|除去|不是|排除|不含)\\p{IsHan}{0,3}$");
  private static final Pattern ORDINAL = Pattern.compile(
      "\\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|number (\\d)|#(\\d)|option (\\d)|no\\.? ?(\\d))\\b");
  /** 第一个, 第2款, 最后一件, 前两个: Chinese has no word boundaries for {@link #ORDINAL}'s {@code \\b}. */
  private static final Pattern CN_ORDINAL = Pattern.compile(
      "第\\s*(10|十|[一二三四五六七八九1-9])\\s*(?:个|款|件|种|双|台|项)?|(最后)一?(?:个|款|件|种|双|台|项)|前(两|2|三|3)(?:个|款|件|种|双|台|项)");
  private static final String CN_DIGITS = "一二三四五六七八九十";
  /** 这个, 那款, 它: the product just shown, as {@link #PRONOUN} in English. */
  private static final Pattern CN_PRONOUN = Pattern.compile("这个|那个|这款|那款|这件|那件|这双|那双|它");
  private static final Pattern PRONOUN = Pattern.compile("\\b(it|its|it's|that one|this one|that|this|them|they|those|these)\\b");
  private static final Pattern SIZE_NUMBER = Pattern.compile("\\bsize\\s*(\\d{1,2}(?:\\.5)?)\\b|\\b(?:us|eu)\\s*(\\d{1,2}(?:\\.5)?)\\b");
  private static final Pattern SIZE_LETTER = Pattern.compile("\\bsize\\s*(xxs|xs|s|m|l|xl|xxl|small|medium|large|x-large)\\b"
      + "|\\b(xxs|xs|xl|xxl|small|medium|large|x-large)\\b(?= (?:size|jacket|coat|one|ones))");
  private static final String PERSONS = "(\\d{1,2}|one|two|three|four|five|six|seven|eight)";
  /**
   * A head count: "4-person", "six people", "sleeps 4", "family of 4", and "a tent for 6" where no unit or
   * currency follows the number. It constrains only a category whose capacity is counted in people.
   */
  private static final Pattern PERSON = Pattern.compile(
      "\\b" + PERSONS + "[- ]?(?:person|people|man)\\b|\\bsleeps " + PERSONS + "\\b|\\bfamily of " + PERSONS + "\\b"
          + "|\\bfor " + PERSONS + "\\b(?!\\s*(?:\\$|dollars?|bucks|usd|%|years?|months?|weeks?|nights?|minutes?|"
          + UNIT + "))");
  /**
   * A party the shopper counts themself into: "me and my two kids", "my wife and I", "me, my wife and our
   * 3 kids", "the four of us", "both of us". {@link #partySize} counts it.
   */
  private static final Pattern PARTY = Pattern.compile(
      "\\b(?:(?:me|myself)(?:,| and) (?:my |our )?|(?:my|our) )((?:(?:\\d{1,2}|one|two|three|four|five|six|seven|eight) )?"
          + "\\p{L}+(?:(?:,| and|, and) (?:my |our )?(?:(?:\\d{1,2}|one|two|three|four|five|six|seven|eight) )?\\p{L}+)*)"
          + "(?:(?:,| and) (?:me|i|myself))?\\b"
          + "|\\bthe (two|three|four|five|six|seven|eight) of us\\b|\\b(both) of us\\b");
  /** A party of one: "for solo trips", "just me", "camping on my own". */
  private static final Pattern SOLO = Pattern.compile(
      "\\b(?:solo|just (?:for )?me|only me|on my own|single[- ]person)\\b|独自|一个人(?:用|住|睡|去)");
  /**
   * A tall wearer or sleeper ("for a tall guy", "I'm 6'4\""): the long version where the category has a
   * {@code length} of {@code long}.
   */
  private static final Pattern TALL = Pattern.compile(
      "\\b(?:tall|taller|6 ?(?:'|ft|foot|feet) ?(?:[2-9]|1[01])\\b|six (?:foot|feet) (?:two|three|four|five|six|seven)"
          + "|over six (?:foot|feet))\\b|个子高|个子很高|身高1[89]\\d");
  private static final Set<String> PERSON_NOUNS = Set.of("wife", "husband", "partner", "girlfriend", "boyfriend",
      "friend", "son", "daughter", "kid", "child", "dad", "mom", "mum", "father", "mother", "brother", "sister",
      "buddy", "fiance", "fiancee", "spouse", "baby", "toddler", "teen", "teenager", "grandson", "granddaughter");
  private static final Map<String, String> PERSON_PLURALS = Map.of("kids", "kid", "children", "child", "friends",
      "friend", "sons", "son", "daughters", "daughter", "brothers", "brother", "sisters", "sister", "buddies", "buddy",
      "teens", "teen");
  /** A Chinese head count: 四个人, 4人, 两人, 双人, 单人 (a numeral must come first: 个人 alone is "personal"). */
  private static final Pattern CN_PERSON = Pattern.compile("(十[一二]?|[一二两三四五六七八九]|\\d{1,2})\\s*个?人(?![民员生类])|([双单])人"
      + "|一家([二两三四五六七八九])口|([二两三四五六七八九])口之家|(两)口子");
  /** Attributes a head count constrains, by name: the English demo's and the names Chinese catalogs use. */
  private static final List<String> HEADCOUNT_ATTRIBUTES = List.of("capacity", "人数", "容纳人数", "适用人数");
  private static final Pattern RAM = Pattern.compile(
      "\\b(\\d{1,2})\\s*(?:gb|gigs?|gigabytes?)(?: of)? (?:ram|memory)\\b");
  private static final List<String> LETTER_SIZES = List.of("xxs", "xs", "s", "m", "l", "xl", "xxl");
  /** Attribute values that are too common as words to be read as a constraint on their own. */
  private static final Set<String> VALUE_STOPWORDS = Set.of("yes", "no", "none", "semi", "high", "max", "mid",
      "regular", "single", "pair", "long", "moderate", "personal", "responsive", "hiking", "camping",
      "knit", "mesh", "mixed trail", "road", "countertop", "drip");
  /** Everyday words for attribute values the catalog spells otherwise. */
  private static final Map<String, String> VALUE_SYNONYMS = Map.ofEntries(
      Map.entry("gray", "grey"), Map.entry("ladies", "women"), Map.entry("womens", "women"), Map.entry("female", "women"),
      Map.entry("mens", "men"), Map.entry("male", "men"), Map.entry("黑色", "black"), Map.entry("白色", "white"),
      Map.entry("红色", "red"), Map.entry("蓝色", "blue"), Map.entry("绿色", "green"), Map.entry("灰色", "grey"),
      Map.entry("粉色", "pink"), Map.entry("女款", "women"), Map.entry("男款", "men"), Map.entry("iphone", "ios"),
      Map.entry("iphones", "ios"), Map.entry("ipad", "ios"),
      // English colour words in a Chinese shop ("有white的耳机吗"); a catalog that uses the word keeps it
      Map.entry("black", "黑色"), Map.entry("white", "白色"), Map.entry("red", "红色"), Map.entry("blue", "蓝色"),
      Map.entry("green", "绿色"), Map.entry("grey", "灰色"), Map.entry("pink", "粉色"), Map.entry("silver", "银色"),
      Map.entry("purple", "紫色"), Map.entry("yellow", "黄色"), Map.entry("orange", "橙色"), Map.entry("brown", "棕色"));
  /** Everyday words for yes/no attributes, by attribute name. */
  private static final Map<String, List<String>> FEATURE_WORDS = Map.ofEntries(
      Map.entry("waterproof", List.of("waterproof", "water proof", "water-proof", "gore-tex", "gtx", "防水")),
      Map.entry("noise_cancelling", List.of("noise cancelling", "noise canceling", "noise-cancelling",
          "noise-canceling", "anc", "降噪")),
      Map.entry("wireless", List.of("wireless", "bluetooth", "无线")),
      Map.entry("insulated", List.of("insulated", "keeps drinks cold", "keep drinks cold", "keeps drinks hot",
          "keep drinks hot", "keep my coffee hot", "keeps coffee hot", "keep coffee hot", "keep my coffee warm",
          "keep my tea hot", "keep my drinks cold", "keep my water cold", "keeps water cold", "保温", "保冷")),
      Map.entry("dishwasher_safe", List.of("dishwasher safe", "dishwasher-safe", "dishwasher")),
      Map.entry("programmable", List.of("programmable")),
      Map.entry("built_in_grinder", List.of("grinder", "built-in grinder", "built in grinder", "grinds", "grind the beans",
          "grinds the beans", "grinds beans", "bean to cup", "bean-to-cup", "研磨", "磨豆")),
      Map.entry("hood", List.of("hood", "hooded")),
      Map.entry("laptop_sleeve", List.of("laptop sleeve", "laptop compartment", "fits my laptop", "fits a laptop",
          "fit my laptop", "fit a laptop", "holds my laptop", "holds a laptop", "电脑仓", "电脑隔层", "能放电脑", "装电脑")),
      Map.entry("rain_cover", List.of("rain cover", "raincover")),
      Map.entry("freestanding", List.of("freestanding", "free-standing", "free standing")),
      Map.entry("induction_compatible", List.of("induction")),
      Map.entry("gps", List.of("gps")));
  /** Words that ask for the "no" of a yes/no attribute: "wired headphones" are not wireless. */
  private static final Map<String, List<String>> FEATURE_OPPOSITES = Map.of(
      "wireless", List.of("wired", "corded", "有线"),
      "insulated", List.of("non-insulated", "not insulated", "single wall", "single-wall"));
  /**
   * Well-known brands' Latin and Chinese names (lower case), since shoppers write either ("Nike的跑步鞋"
   * in a shop that lists 耐克): where a catalog lists one name of a group, the others name that brand.
   * Names that are also common words (苹果 for Apple is an apple, 美的 for Midea is "beautiful") are left
   * out.
   */
  private static final List<List<String>> BRAND_NAMES = List.of(
      List.of("nike", "耐克"), List.of("adidas", "阿迪达斯", "阿迪"), List.of("puma", "彪马"),
      List.of("new balance", "新百伦"), List.of("asics", "亚瑟士"), List.of("under armour", "安德玛"),
      List.of("skechers", "斯凯奇"), List.of("converse", "匡威"), List.of("the north face", "北面", "乐斯菲斯"),
      List.of("columbia", "哥伦比亚"), List.of("arc'teryx", "arcteryx", "始祖鸟"), List.of("patagonia", "巴塔哥尼亚"),
      List.of("salomon", "萨洛蒙"), List.of("decathlon", "迪卡侬"), List.of("lululemon", "露露乐蒙"),
      List.of("uniqlo", "优衣库"), List.of("li-ning", "li ning", "李宁"), List.of("anta", "安踏"), List.of("xtep", "特步"),
      List.of("toread", "探路者"), List.of("mobi garden", "牧高笛"), List.of("bosideng", "波司登"),
      List.of("sony", "索尼"), List.of("huawei", "华为"), List.of("xiaomi", "小米"), List.of("samsung", "三星"),
      List.of("lenovo", "联想"), List.of("philips", "飞利浦"), List.of("dyson", "戴森"), List.of("haier", "海尔"),
      List.of("thermos", "膳魔师"), List.of("samsonite", "新秀丽"), List.of("garmin", "佳明"),
      List.of("canon", "佳能"), List.of("nikon", "尼康"), List.of("logitech", "罗技"), List.of("sennheiser", "森海塞尔"),
      List.of("jabra", "捷波朗"), List.of("delonghi", "德龙"), List.of("nespresso", "奈斯派索"), List.of("osprey", "小鹰"),
      List.of("deuter", "多特"), List.of("black diamond", "黑钻"), List.of("mammut", "猛犸象"),
      // product lines said for their maker ("a macbook"); not the lines other products work with
      // (iphone: "works with my iphone" asks for compatibility, not for Apple)
      List.of("apple", "macbook", "macbooks", "airpods"), List.of("lenovo", "thinkpad", "thinkpads"));
  /** Chinese names of the demo catalog's categories, so mixed-language messages find them. */
  private static final Map<String, String> CATEGORY_SYNONYMS = Map.ofEntries(
      Map.entry("跑鞋", "Running Shoes"), Map.entry("越野跑鞋", "Trail Running Shoes"), Map.entry("耳机", "Headphones"),
      Map.entry("智能手表", "Smartwatches"), Map.entry("运动鞋", "Casual Sneakers"), Map.entry("帐篷", "Tents"),
      Map.entry("背包", "Backpacks"), Map.entry("蓝牙音箱", "Bluetooth Speakers"), Map.entry("登山靴", "Hiking Boots"),
      Map.entry("笔记本电脑", "Laptops"), Map.entry("瑜伽垫", "Yoga Mats"), Map.entry("羽绒服", "Down Jackets"),
      Map.entry("搅拌机", "Blenders"), Map.entry("菜刀", "Kitchen Knives"), Map.entry("水壶", "Water Bottles"),
      Map.entry("咖啡机", "Coffee Makers"), Map.entry("雨衣", "Rain Jackets"), Map.entry("睡袋", "Sleeping Bags"),
      Map.entry("锅具", "Cookware Sets"), Map.entry("哑铃", "Dumbbells"), Map.entry("保温瓶", "杯子"),
      Map.entry("sneakers", "Casual Sneakers"), Map.entry("trainers", "Running Shoes"),
      Map.entry("notebook", "Laptops"), Map.entry("earbuds", "Headphones"), Map.entry("speaker", "Bluetooth Speakers"),
      Map.entry("puffer", "Down Jackets"), Map.entry("raincoat", "Rain Jackets"), Map.entry("rain coat", "Rain Jackets"),
      Map.entry("knife", "Kitchen Knives"), Map.entry("knives", "Kitchen Knives"), Map.entry("pots and pans", "Cookware Sets"),
      Map.entry("watch", "Smartwatches"), Map.entry("bottle", "Water Bottles"), Map.entry("espresso machine", "Coffee Makers"),
      Map.entry("backpack", "Backpacks"), Map.entry("headphone", "Headphones"), Map.entry("boots", "Hiking Boots"),
      Map.entry("running shoe", "Running Shoes"), Map.entry("tent", "Tents"), Map.entry("runners", "Running Shoes"),
      Map.entry("trail runners", "Trail Running Shoes"));
  /** Words that ask about an attribute, by attribute name (the attribute's own name also counts). */
  private static final Map<String, List<String>> ASK_WORDS = Map.ofEntries(
      Map.entry("weight_g", List.of("weigh", "weight", "heavy", "light", "重")),
      Map.entry("weight_kg", List.of("weigh", "weight", "heavy", "light", "重")),
      Map.entry("weight_lb", List.of("weigh", "weight", "heavy", "重")),
      Map.entry("battery_hours", List.of("battery", "电池", "续航")),
      Map.entry("battery_days", List.of("battery", "电池", "续航")),
      Map.entry("color", List.of("colour", "color", "颜色")),
      Map.entry("size_range", List.of("size", "sizes", "尺码")),
      Map.entry("sizes", List.of("size", "sizes", "尺码")),
      Map.entry("capacity_l", List.of("capacity", "litre", "liter", "hold", "big", "容量")),
      Map.entry("capacity_oz", List.of("capacity", "ounces", "oz", "hold", "big", "容量")),
      Map.entry("capacity", List.of("capacity", "people", "person", "sleep", "fit")),
      Map.entry("material", List.of("material", "made of", "made from", "材质")),
      Map.entry("upper_material", List.of("material", "made of", "made from", "upper")),
      Map.entry("blade_material", List.of("material", "steel", "made of")),
      Map.entry("temp_rating_f", List.of("temperature", "warm", "cold", "rating", "degrees")),
      Map.entry("water_resistance", List.of("water resistant", "water resistance", "swim", "waterproof")),
      Map.entry("ip_rating", List.of("ip rating", "waterproof", "water resistant", "dust")),
      Map.entry("screen_in", List.of("screen", "display")),
      Map.entry("ram_gb", List.of("ram", "memory")),
      Map.entry("storage_gb", List.of("storage", "ssd", "disk")),
      Map.entry("cpu", List.of("cpu", "processor", "chip")),
      Map.entry("os", List.of("operating system", "windows", "macos")),
      Map.entry("wattage", List.of("watt", "power", "powerful", "wattage", "功率")),
      Map.entry("output_w", List.of("watt", "loud", "louder", "loudest", "power", "powerful", "output", "功率")),
      Map.entry("fill_power", List.of("fill power")),
      Map.entry("thickness_mm", List.of("thick", "thickness", "厚")),
      Map.entry("compatibility", List.of("compatible", "iphone", "android", "ios")));

  private final Catalog catalog;
  private final Map<String, String> lowerCategories = new LinkedHashMap<>();
  /** Each category's children in the catalog's category paths, by name as the catalog writes it. */
  private final Map<String, List<String>> children = new HashMap<>();
  /** The first word of multi-word Latin-script leaf categories ("yoga", "coffee"), to the leaves it starts. */
  private final Map<String, List<String>> firstWords = new HashMap<>();
  /** Head words shared by several categories ("jackets": Down Jackets, Rain Jackets), to all of them. */
  private final Map<String, List<String>> categoryGroups = new HashMap<>();
  private final List<String> categoriesLongestFirst;
  /** The catalog's brands and their {@link #BRAND_NAMES} in the other script, longest first. */
  private final List<String> brandsLongestFirst;
  /** Each of {@link #brandsLongestFirst} (lower case) to the catalog's brand it names. */
  private final Map<String, String> brandByName = new HashMap<>();
  /** Attribute name to matchable values (lower case), longest first. */
  private final Map<String, List<String>> valueAttributes = new LinkedHashMap<>();
  /** Attribute name to the leaf categories (as the catalog writes them) whose products have it. */
  private final Map<String, Set<String>> leavesByAttribute = new HashMap<>();
  /** How many leaf categories carry attributes at all (for {@link #impliedByValues}). */
  private final int attributedLeaves;
  /** Attribute name to category to the values products in that category have, lower case. */
  private final Map<String, Map<String, Set<String>>> valuesByCategory = new HashMap<>();
  /**
   * The {@link #VALUE_SYNONYMS} that fit this catalog: those whose value it uses and whose word it does
   * not use itself. A Chinese catalog whose colour is 黑色 must not have 黑色 read as "black".
   */
  private final Map<String, String> valueSynonyms = new LinkedHashMap<>();
  private final ProductNames names;
  private final HanCategoryWords hanWords;
  private final CategorySpelling spelling;
  private final UnaryOperator<String> toCatalogScript;
  private final @Nullable Function<String, IntentClassifier.Vote> classifier;

  private final IntentRecognition mode;

  RuleUnderstander(Catalog catalog, @Nullable Function<String, IntentClassifier.Vote> classifier) {
    this(catalog, classifier, IntentRecognition.RULES_AND_EXAMPLES);
  }

  RuleUnderstander(Catalog catalog, @Nullable Function<String, IntentClassifier.Vote> classifier,
      IntentRecognition mode) {
    this(catalog, classifier, mode, true);
  }

  /**
   * @param convertScript whether a Chinese message in the other script (Traditional or Simplified) is
   *     converted to the catalog's before it is read ({@link ChineseScript}; needs ICU4J)
   */
  RuleUnderstander(Catalog catalog, @Nullable Function<String, IntentClassifier.Vote> classifier,
      IntentRecognition mode, boolean convertScript) {
    this.toCatalogScript = convertScript ? ChineseScript.forCatalog(catalog) : UnaryOperator.identity();
    this.catalog = catalog;
    this.mode = mode;
    this.classifier = classifier;
    catalog.categories().forEach(c -> lowerCategories.put(c.toLowerCase(Locale.ROOT), c));
    CATEGORY_SYNONYMS.forEach((k, v) -> {
      if (catalog.categories().contains(v)) {
        lowerCategories.putIfAbsent(k, v);
      }
    });
    shortNames(catalog.categories()).forEach(lowerCategories::putIfAbsent);
    for (Product p : catalog.products()) {
      List<String> path = p.categoryPath();
      for (int i = 0; i + 1 < path.size(); i++) {
        List<String> kids = children.computeIfAbsent(path.get(i), k -> new ArrayList<>());
        if (!kids.contains(path.get(i + 1))) {
          kids.add(path.get(i + 1));
        }
      }
    }
    headWords(catalog).forEach((head, leaves) -> {
      if (lowerCategories.putIfAbsent(head, leaves.get(0)) == null && leaves.size() > 1) {
        categoryGroups.put(head, leaves);
      }
    });
    headWords(catalog).values().stream().flatMap(List::stream).distinct().sorted().forEach(leaf -> {
      String[] words = leaf.toLowerCase(Locale.ROOT).split("\\s+");
      firstWords.computeIfAbsent(words[0], w -> new ArrayList<>()).add(leaf);
    });
    for (String leaf : List.copyOf(lowerCategories.values())) {
      String[] words = leaf.toLowerCase(Locale.ROOT).split("\\s+");
      if (words.length >= 3 && words[1].matches("[a-z]{4,}")) { // "Trail Running Shoes" is also a running shoe
        firstWords.computeIfAbsent(words[1], w -> new ArrayList<>());
        if (!firstWords.get(words[1]).contains(leaf)) {
          firstWords.get(words[1]).add(leaf);
        }
      }
    }
    this.categoriesLongestFirst = lowerCategories.keySet().stream()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    catalog.brands().forEach(b -> brandByName.put(b.toLowerCase(Locale.ROOT), b));
    for (List<String> names : BRAND_NAMES) {
      List<String> inCatalog = names.stream().filter(brandByName::containsKey).toList();
      if (inCatalog.size() == 1) {
        String brand = brandByName.get(inCatalog.get(0));
        names.forEach(n -> brandByName.putIfAbsent(n, brand));
      }
    }
    this.brandsLongestFirst = brandByName.keySet().stream()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (Map.Entry<String, Set<String>> e : catalog.attributeValues().entrySet()) {
      List<String> values = e.getValue().stream()
          .filter(v -> (v.length() >= 3 || isHan(v)) && !v.matches("[\\d.,\\s-]+") && !VALUE_STOPWORDS.contains(v))
          .sorted(Comparator.comparingInt(String::length).reversed()).toList();
      if (!values.isEmpty() && !FEATURE_WORDS.containsKey(e.getKey())) {
        valueAttributes.put(e.getKey(), values);
      }
    }
    Set<String> allValues = new HashSet<>();
    catalog.attributeValues().values().forEach(vs -> vs.forEach(v -> allValues.add(v.toLowerCase(Locale.ROOT))));
    VALUE_SYNONYMS.forEach((word, value) -> {
      if (!allValues.contains(word) && allValues.contains(value)) {
        valueSynonyms.put(word, value);
      }
    });
    for (Product p : catalog.products()) {
      if (!p.categoryPath().isEmpty()) {
        String leaf = p.categoryPath().get(p.categoryPath().size() - 1);
        p.attributes().keySet().forEach(k -> leavesByAttribute.computeIfAbsent(k, x -> new HashSet<>()).add(leaf));
      }
      p.attributes().forEach((k, v) -> {
        Map<String, Set<String>> byCat = valuesByCategory.computeIfAbsent(k, x -> new HashMap<>());
        for (String c : p.categoryPath()) {
          byCat.computeIfAbsent(c.toLowerCase(Locale.ROOT), x -> new LinkedHashSet<>()).add(v.toLowerCase(Locale.ROOT));
        }
        byCat.computeIfAbsent("", x -> new LinkedHashSet<>()).add(v.toLowerCase(Locale.ROOT));
      });
    }
    Set<String> attributed = new HashSet<>();
    leavesByAttribute.values().forEach(attributed::addAll);
    this.attributedLeaves = attributed.size();
    this.names = new ProductNames(catalog);
    this.hanWords = new HanCategoryWords(catalog);
    this.spelling = new CategorySpelling(catalog, lowerCategories.keySet(),
        FEATURE_WORDS.values().stream().flatMap(List::stream).filter(w -> !isHan(w)).toList());
  }

  Catalog catalog() {
    return catalog;
  }

  Understanding understand(String message, DialogueState state) {
    String cut = message.length() > MAX_READ_CHARS ? message.substring(0, MAX_READ_CHARS) : message;
    String raw = toCatalogScript.apply(cut);
    String text = spelling.correct(normalise(raw));
    List<String> ignored = new ArrayList<>();
    Matcher bad = BAD_PRICE.matcher(text);
    StringBuilder cleaned = new StringBuilder();
    while (bad.find()) {
      ignored.add(bad.group().trim());
      bad.appendReplacement(cleaned, " ");
    }
    bad.appendTail(cleaned);
    String priceText = cleaned.toString();

    CategoryMention mention = mentionedCategory(text);
    HanCategoryWords.@Nullable TitleWord title = titleWord(text);
    if (mention != null && title != null && !title.category().equals(mention.category())
        && title.start() <= mention.start() && mention.end() <= title.end()
        && title.end() - title.start() > mention.end() - mention.start()) {
      // the longer product-type word holds the short form: 徒步鞋 (hiking shoes) is not 跑步鞋's 步鞋
      mention = new CategoryMention(title.category(), title.start(), title.end());
    }
    if (mention != null) {
      mention = childBefore(text, mention);
    }
    if (mention == null && title == null) {
      mention = productLine(text);
    }
    if (mention == null && title == null) {
      mention = hobby(text);
    }
    String category = mention == null ? null : mention.category();
    String titleCategory = category == null && title != null ? title.category() : null;
    List<String> referenced = references(text, state);
    Intent intent = intent(text, category, titleCategory != null, referenced, state);
    boolean pureMore = MORE.matcher(text).find();
    boolean refinement = isRefinement(text, category != null ? category : titleCategory, state);

    Constraints filter;
    String need;
    boolean keep = false;
    if (intent == Intent.SEARCH || intent == Intent.RECOMMEND) {
      String currentCategory = state.filter().categories().stream().findFirst().orElse(null);
      if (category == null) {
        category = titleCategory;
      }
      boolean sameTopic = category == null || category.equalsIgnoreCase(currentCategory == null ? "" : currentCategory);
      keep = intent == Intent.SEARCH && sameTopic && (refinement || category == null)
          && !state.filter().isEmpty() || intent == Intent.SEARCH && refinement && !state.need().isEmpty();
      filter = keep ? new Constraints(state.filter()) : new Constraints(ProductFilter.none());
      if (keep && category != null && !sameTopic) {
        filter.clearCategories();
      }
      String rest = text;
      if (mention != null) {
        filter.clearCategories().category(category);
        mention.others().forEach(filter::category);
        rest = text.substring(0, mention.start()) + " " + text.substring(mention.end());
      } else if (category != null) {
        filter.clearCategories().category(category); // named by a product-type word of the titles
      }
      String effectiveCategory = category != null ? category : keep ? currentCategory : null;
      rest = applyBrands(rest, filter);
      String valueText = text;
      for (String w : applyFeatures(rest, filter, effectiveCategory)) {
        // "a backpack that fits my laptop" asks for a laptop sleeve, not for laptop as a value of use
        valueText = phrase(w).matcher(valueText).replaceAll(r -> " ".repeat(r.group().length()));
      }
      applyValues(valueText, filter, effectiveCategory, mention);
      applySizes(text, filter, effectiveCategory);
      applyMeasures(text, filter, effectiveCategory);
      applyRecipient(text, filter, effectiveCategory);
      applyPrice(priceText, filter, state);
      if (effectiveCategory == null) {
        impliedCategory(filter).ifPresent(filter::category);
      }
      String stripped = stripPrices(raw);
      if (keep) {
        need = pureMore || CHEAPER.matcher(text).find() || PRICIER.matcher(text).find()
            || PRICE_SUPERLATIVE.matcher(text).find() || stripped.isBlank()
            ? state.need() : (state.need() + " " + stripped).trim();
      } else {
        need = stripped.isBlank() ? raw.trim() : stripped;
      }
      need = chineseHeadcount(need);
    } else {
      filter = new Constraints(state.filter());
      need = state.need();
    }
    boolean nextPage = intent == Intent.SEARCH && pureMore && !state.lastShownIds().isEmpty();
    // a question about a product, or a comparison's superlative ("which of these has the longest battery?")
    String asked = intent == Intent.PRODUCT_QUESTION ? askedAttribute(text, referenced)
        : intent == Intent.COMPARE ? askedAttribute(text, referenced.isEmpty() ? state.lastShownIds() : referenced)
        : null;
    PriceOrder order;
    if (intent != Intent.SEARCH && intent != Intent.RECOMMEND) {
      order = state.priceOrder(); // a question about a product or a comparison leaves the listing's order as it was
    } else if (PRICE_SUPERLATIVE.matcher(text).find()) {
      order = DEAREST.matcher(text).find() ? PriceOrder.DEAREST_FIRST : PriceOrder.CHEAPEST_FIRST;
    } else {
      // "show me more", "in red": the same search goes on in the order asked for; a new search starts over
      order = keep && !RELEVANCE_ORDER.matcher(text).find() ? state.priceOrder() : null;
    }
    return new Understanding(intent, filter.build(), need, nextPage, referenced, asked, ignored, order);
  }

  /** A short Chinese follow-up naming a kind (不锈钢的, 大一点的): a narrowing of the search in hand. */
  private static final Pattern CN_KIND = Pattern.compile("^\\p{IsHan}{1,8}的$");
  private static final Pattern CN_PEOPLE = Pattern.compile("([一二两三四五六七八九十\\d]+)个人");
  private static final Pattern CN_TWO_OR_ONE = Pattern.compile("(?<![\\d一二两三四五六七八九十])([两一])人");

  /**
   * A head count as Chinese titles write it: 四个人 (four people) is 四人, 两个人 双人 and 一个人 单人, so the
   * search text meets 四人家庭帐篷 and 双人帐篷 word for word.
   */
  static String chineseHeadcount(String need) {
    String t = CN_PEOPLE.matcher(need).replaceAll("$1人");
    return CN_TWO_OR_ONE.matcher(t).replaceAll(m -> m.group(1).equals("两") ? "双人" : "单人");
  }

  static String normalise(String message) {
    String t = message.replaceAll("[\\p{Cntrl}\\p{Cf}&&[^\\u200d]]", " ").toLowerCase(Locale.ROOT)
        .replace('’', '\'').replace('＄', '$').replaceAll("\\s+", " ").trim();
    for (int pass = 0; pass < 2; pass++) { // the second pass reads "and eighty" after "between 50"
      t = EN_AMOUNT.matcher(t).replaceAll(m -> {
        String words = m.group(2) != null ? m.group(2) : m.group(3);
        long v = englishNumber(words);
        String digits = v > 0 ? Long.toString(v) : words;
        return Matcher.quoteReplacement(m.group(2) != null ? m.group(1) + digits : digits + m.group(4));
      });
    }
    t = HALF_A_GRAND.matcher(t).replaceAll("500 dollars");
    t = GRAND.matcher(t).replaceAll(m -> m.group(1) != null ? "1000 dollars"
        : thousands(m.group(2)) + " dollars");
    t = THOUSANDS_K.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + thousands(m.group(2))));
    t = ONE_UNIT.matcher(t).replaceAll("1 $1");
    t = CN_AMOUNT.matcher(t).replaceAll(m -> {
      long v = chineseNumber(m.group(1));
      return v > 0 ? Long.toString(v) : m.group();
    });
    return CN_AMOUNT_AFTER_CUE.matcher(t).replaceAll(m -> {
      long v = chineseNumber(m.group(2));
      return Matcher.quoteReplacement(v > 0 ? m.group(1) + v : m.group());
    });
  }

  /** "1.5" thousand as digits: 1500. */
  private static String thousands(String number) {
    return new BigDecimal(number).multiply(BigDecimal.valueOf(1000)).stripTrailingZeros().toPlainString();
  }

  /**
   * The value of Chinese numerals such as 三百五十, 两千, 一万二千, and the colloquial 一千五 (1,500) and
   * 三百五 (350); 0 when {@code s} is not a number this reads.
   */
  static long chineseNumber(String s) {
    String digits = "零一二三四五六七八九";
    long total = 0;
    long section = 0;
    long digit = -1;
    long lastUnit = 0;
    boolean afterZero = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int d = c == '两' ? 2 : digits.indexOf(c);
      if (d >= 0) {
        digit = d;
        afterZero |= d == 0;
        continue;
      }
      long unit = switch (c) {
        case '十' -> 10;
        case '百' -> 100;
        case '千' -> 1000;
        case '万' -> 10000;
        default -> 0;
      };
      if (unit == 0) {
        return 0;
      }
      if (unit == 10000) {
        total += (section + Math.max(digit, 0)) * unit;
        section = 0;
      } else {
        section += (digit < 0 ? 1 : digit) * unit;
      }
      digit = -1;
      lastUnit = unit;
      afterZero = false;
    }
    if (digit > 0) {
      // a trailing digit counts in the next unit down (一千五 is 1,500, 三百五 350, 两万五 25,000) unless
      // a zero stands before it (一百零五 is 105)
      section += afterZero || lastUnit < 100 ? digit : lastUnit == 10000 ? digit * 1000 : digit * (lastUnit / 10);
    }
    return total + section;
  }

  private Intent intent(String text, @Nullable String category, boolean productTypeWord, List<String> referenced,
      DialogueState state) {
    if (mode == IntentRecognition.EXAMPLES_ONLY) {
      if (classifier == null) {
        return Intent.OUT_OF_SCOPE;
      }
      IntentClassifier.Vote vote = classifier.apply(text);
      return vote.nearest() < MIN_FAMILIAR ? Intent.OUT_OF_SCOPE : vote.intent();
    }
    if (GREETING.matcher(text).matches() && text.length() < 60) {
      return Intent.GREETING;
    }
    if (INSTRUCTION.matcher(text).find() || CAPABILITIES.matcher(text).matches()) {
      return Intent.OUT_OF_SCOPE; // the out-of-scope reply says what the guide can help with
    }
    boolean hasOrdinalOrName = !referenced.isEmpty();
    if (CAN_SHIP_TO.matcher(text).find() && !NAMES_AN_ORDER.matcher(text).find()) {
      return Intent.POLICY_QUESTION;
    }
    if (ORDER.matcher(text).find() || MY_REFUND.matcher(text).find() || FAULT.matcher(text).find()
        && (POSSESSION.matcher(text).find() || WHAT_TO_DO.matcher(text).find() || CN_OWN_FAULT.matcher(text).find())
        && !WANTS_NEW.matcher(text).find()
        || RETURN_REQUEST.matcher(text).find() && POSSESSION.matcher(text).find() && !QUESTION.matcher(text).matches()) {
      return Intent.ORDER_REQUEST;
    }
    if (POLICY.matcher(text).find() && !(category != null && MAX.matcher(text).find())) {
      return Intent.POLICY_QUESTION;
    }
    if (COMPARE.matcher(text).find() && (hasOrdinalOrName || !state.lastShownIds().isEmpty())) {
      return Intent.COMPARE;
    }
    if (QUESTION.matcher(text).matches() && hasOrdinalOrName && !MORE.matcher(text).find()
        && (category == null || names.mentionsModel(text)
            || names.namesByCommonWords(text) && askedAttribute(text, referenced) != null)) {
      return Intent.PRODUCT_QUESTION;
    }
    if (RECOMMEND.matcher(text).find() && category == null) {
      return Intent.RECOMMEND;
    }
    boolean vocabulary = category != null || productTypeWord || mentionsBrand(text) || MAX.matcher(text).find()
        || MAX_AFTER.matcher(text).find() || MIN.matcher(text).find() || MIN_AFTER.matcher(text).find()
        || BETWEEN.matcher(text).find() || RANGE_BEFORE_CURRENCY.matcher(text).find() || CN_RANGE.matcher(text).find()
        || mentionsValue(text) || mentionsMeasure(text)
        || (PERSON.matcher(text).find() || CN_PERSON.matcher(text).find())
            && HEADCOUNT_ATTRIBUTES.stream().anyMatch(valuesByCategory::containsKey);
    boolean refinement = !state.need().isEmpty() && (CHEAPER.matcher(text).find() || PRICIER.matcher(text).find()
        || MORE.matcher(text).find() || REFINE_CUE.matcher(text).find() || PRICE_SUPERLATIVE.matcher(text).find()
        || SUPERLATIVE_REFINE.matcher(text).find()
        || state.filter().categories().stream().anyMatch(c -> !modifierValues(text, c, null).isEmpty()
            || !wordsApart(text, c, Set.of()).isEmpty())
        || CN_KIND.matcher(text).matches()
        // "my husband is 6'4 so it needs to be the long version", after sleeping bags
        || TALL.matcher(text).find() && state.filter().categories().stream().anyMatch(c -> attributeFits("length", "long", c)));
    if (vocabulary || refinement) {
      return Intent.SEARCH;
    }
    if (classifier == null || mode == IntentRecognition.RULES_ONLY) {
      return Intent.OUT_OF_SCOPE;
    }
    IntentClassifier.Vote vote = classifier.apply(text);
    if (vote.nearest() < MIN_FAMILIAR) {
      return Intent.OUT_OF_SCOPE;
    }
    if ((vote.intent() == Intent.PRODUCT_QUESTION || vote.intent() == Intent.COMPARE) && state.lastShownIds().isEmpty()
        && !hasOrdinalOrName) {
      return Intent.OUT_OF_SCOPE;
    }
    return vote.intent();
  }

  private boolean isRefinement(String text, @Nullable String category, DialogueState state) {
    if (state.need().isEmpty()) {
      return false;
    }
    return CHEAPER.matcher(text).find() || PRICIER.matcher(text).find() || MORE.matcher(text).find()
        || REFINE_CUE.matcher(text).find() || PRICE_SUPERLATIVE.matcher(text).find()
        || text.split(" ").length <= 4 && category == null;
  }

  /**
   * Where a message names a category: the category, the span of the message that names it, and the
   * other categories a head word shared by several names at once ("jackets").
   */
  record CategoryMention(String category, int start, int end, List<String> others) {
    CategoryMention(String category, int start, int end) {
      this(category, start, end, List.of());
    }
  }

  /** What someone does or loves: "a gift for my girlfriend who does yoga", "my dad loves coffee". */
  /** "doesn't", and as shoppers type it, "doesnt", "dont", "isnt". */
  private static final String NOT_CONTRACTED = "(?:n't|\\b(?:is|are|was|were|do|does|did|has|have|had|ca|wo|could|should|would)nt)";
  private static final Pattern NOT_BEFORE_VERB = Pattern.compile(
      "(?:" + NOT_CONTRACTED + "|\\bnot|\\bnever|\\bno longer)\\s*$");
  private static final Pattern HOBBY = Pattern.compile(
      "\\b(?:does|do|doing|plays?|likes?|loves?|enjoys?|into|goes)\\s+(\\p{IsLatin}+)"
          + "|\\b(?:who|she|he|they|that)\\s+(?:also\\s+|often\\s+|always\\s+)?(runs|hikes|camps|cooks|bakes)\\b");
  /** The activity a verb of {@link #HOBBY} names: "who runs marathons" is running. */
  private static final Map<String, String> HOBBY_VERBS = Map.of("runs", "running", "hikes", "hiking", "camps",
      "camping", "cooks", "cooking", "bakes", "baking");

  /**
   * The categories a hobby names by their first word, where the message names no category itself:
   * "who does yoga" is Yoga Mats, "loves coffee" Coffee Makers, "likes running" both running-shoe
   * categories. Only after a verb of doing or liking, so "keep my coffee hot" names no coffee maker.
   */
  private @Nullable CategoryMention hobby(String text) {
    Matcher m = HOBBY.matcher(text);
    while (m.find()) {
      int g = m.group(1) != null ? 1 : 2;
      List<String> leaves = firstWords.get(g == 1 ? m.group(1) : HOBBY_VERBS.get(m.group(2)));
      if (leaves != null && leaves.size() > 1) {
        leaves = byObject(leaves, text.substring(m.end()));
      }
      if (leaves != null && !NOT_BEFORE_VERB.matcher(text.substring(0, m.start())).find()) {
        return new CategoryMention(leaves.get(0), m.start(g), m.end(g), leaves.subList(1, leaves.size()));
      }
    }
    return null;
  }

  private static final Pattern OBJECT_WORD = Pattern.compile("^\\s+(?:the |on |in )?(\\p{IsLatin}+)");
  /** The kind of product a product line is, for the lines of {@link #BRAND_NAMES}: "a thinkpad" is a laptop. */
  private static final Map<String, String> PRODUCT_LINE_KINDS = Map.of("macbook", "laptops", "macbooks", "laptops",
      "thinkpad", "laptops", "thinkpads", "laptops", "airpods", "headphones");

  /** The category a product line names ("thinkpad for work": Laptops), where the catalog has that category. */
  private @Nullable CategoryMention productLine(String text) {
    for (Map.Entry<String, String> e : PRODUCT_LINE_KINDS.entrySet()) {
      String category = lowerCategories.get(e.getValue());
      Matcher m = phrase(e.getKey()).matcher(text);
      if (category != null && m.find()) {
        // an empty span: the word also names the maker, which the brand rules must still see
        return new CategoryMention(category, m.start(), m.start());
      }
    }
    return null;
  }

  /** What a race is run on: a marathon, a 10k, a half, a race; the road. */
  private static final Pattern RACE_OBJECT = Pattern.compile(
      "^\\s+(?:(?:a |the |in )?(?:half )?(?:marathons?|races?|5ks?|10ks?|halfs?|halves|triathlons?)"
          + "|on (?:the )?roads?|(?:on )?pavement)\\b");

  /**
   * Which of the categories a hobby names its object picks: "who runs trails" the one whose name has
   * "trail", "who runs marathons" the one without a qualifier (races are run on roads). All of them
   * when the object says neither.
   */
  private static List<String> byObject(List<String> leaves, String after) {
    Matcher w = OBJECT_WORD.matcher(after);
    if (w.find()) {
      String object = w.group(1).replaceFirst("s$", "");
      List<String> named = leaves.stream()
          .filter(l -> List.of(l.toLowerCase(Locale.ROOT).split("\\s+")).contains(object)).toList();
      if (named.size() == 1) {
        return named;
      }
    }
    if (RACE_OBJECT.matcher(after).find()) {
      int fewest = leaves.stream().mapToInt(l -> l.split("\\s+").length).min().orElseThrow();
      List<String> plain = leaves.stream().filter(l -> l.split("\\s+").length == fewest).toList();
      if (plain.size() == 1) {
        return plain;
      }
    }
    return leaves;
  }

  /** How far before a Chinese head word its modifier may stand: 跑马拉松的鞋子 has four characters between. */
  private static final int MODIFIER_REACH = 8;

  /**
   * A Chinese parent category named by its head word, with the modifier of exactly one of its children
   * a few characters before in the same clause, is that child: 跑马拉松的鞋子 (shoes for running a
   * marathon) is 跑步鞋, 登山穿的鞋 登山鞋. The child's name must end with the words that named the
   * parent, and its first character stand in the clause before them.
   */
  private CategoryMention childBefore(String text, CategoryMention mention) {
    List<String> kids = children.getOrDefault(mention.category(), List.of());
    String head = text.substring(mention.start(), mention.end()).replaceFirst("子$", "");
    if (kids.isEmpty() || !isHan(head)) {
      return mention;
    }
    String before = text.substring(Math.max(0, mention.start() - MODIFIER_REACH), mention.start());
    before = before.substring(before.lastIndexOf(' ') + 1).replaceAll(".*[，。,.!?！？、；;]", "");
    String found = null;
    for (String kid : kids) {
      if (kid.length() > head.length() && kid.endsWith(head) && before.indexOf(kid.charAt(0)) >= 0
          && !NEGATION.matcher(before).find() && !CN_NEGATED_WORD.matcher(before).find()) {
        if (found != null) {
          return mention; // two children fit: the parent it stays
        }
        found = kid;
      }
    }
    return found == null ? mention
        : new CategoryMention(found, mention.start() - before.length() + before.indexOf(found.charAt(0)), mention.end());
  }

  /**
   * Other names of Latin-script categories that shoppers use: a name of three words or more without
   * its middle ("trail shoes" for Trail Running Shoes), a maker as a machine ("coffee machine" for
   * Coffee Makers), and a set or kit by what it is a set of ("cookware" for Cookware Sets). A short
   * name that two categories share names neither.
   */
  static Map<String, String> shortNames(Set<String> categories) {
    Map<String, String> out = new TreeMap<>();
    Set<String> shared = new HashSet<>();
    for (String c : categories) {
      String lower = c.toLowerCase(Locale.ROOT);
      if (!lower.chars().allMatch(ch -> ch == ' ' || ch >= 'a' && ch <= 'z')) {
        continue;
      }
      String[] words = lower.split(" +");
      List<String> names = new ArrayList<>();
      if (words.length >= 3) {
        names.add(words[0] + " " + words[words.length - 1]);
      }
      if (words.length >= 2 && words[words.length - 1].matches("makers?")) {
        names.add(lower.replaceAll("makers?$", "machine"));
      }
      if (words.length >= 2 && words[words.length - 1].matches("sets?|kits?")) {
        names.add(lower.replaceAll(" +(?:sets?|kits?)$", "")); // "cookware" for Cookware Sets
      }
      for (String n : names) {
        String before = out.putIfAbsent(n, c);
        if (before != null && !before.equals(c)) {
          shared.add(n);
        }
      }
    }
    out.keySet().removeAll(shared);
    out.keySet().removeIf(n -> categories.stream().anyMatch(c -> c.equalsIgnoreCase(n)));
    return out;
  }

  /**
   * The last words of the catalog's multi-word Latin-script leaf categories, each with the leaves it
   * ends: a shopper says "boots" for Hiking Boots and "jackets" for Down Jackets and Rain Jackets alike.
   * Words shorter than four letters are left out, and so are leaves under a Chinese name (their
   * short forms are {@link HanCategoryWords}').
   */
  static Map<String, List<String>> headWords(Catalog catalog) {
    Set<String> leaves = new TreeSet<>();
    for (Product p : catalog.products()) {
      if (!p.categoryPath().isEmpty()) {
        leaves.add(p.categoryPath().get(p.categoryPath().size() - 1));
      }
    }
    Map<String, List<String>> byHead = new TreeMap<>();
    for (String leaf : leaves) {
      String[] words = leaf.toLowerCase(Locale.ROOT).split("\\s+");
      String head = words[words.length - 1];
      if (words.length >= 2 && head.length() >= 4 && head.chars().allMatch(ch -> ch >= 'a' && ch <= 'z')) {
        byHead.computeIfAbsent(head, h -> new ArrayList<>()).add(leaf);
      }
    }
    return byHead;
  }

  /**
   * The category the message names. A name written out wins, the longest first, and of two as long
   * the later (Chinese puts the head last). A Chinese short form of a name
   * ({@link HanCategoryWords#shortForm}: 跑鞋 for 跑步鞋, 保温杯 for 杯子) wins where it covers more of
   * the message, or as much and later, so 跑鞋 is 跑步鞋 and not its parent 鞋, and 运动手表 the watch;
   * and only when no other category has a short form as long there. A name right after a negation
   * does not count.
   */
  @Nullable CategoryMention mentionedCategory(String text) {
    CategoryMention shortForm = null;
    boolean ambiguous = false;
    List<CategoryMention> shortSpans = new ArrayList<>();
    for (String c : categoriesLongestFirst) {
      if (!HanCategoryWords.hasShortForm(c) || !HanCategoryWords.mayHoldShortForm(text, c)) {
        continue;
      }
      // a short form inside the name written out is not one ("步鞋" in 跑步鞋)
      String masked = text.replace(c, " ".repeat(c.length()));
      Matcher m = HanCategoryWords.shortForm(c).matcher(masked);
      if (!m.find()) {
        continue;
      }
      String category = lowerCategories.get(c);
      shortSpans.add(new CategoryMention(category, m.start(), m.end()));
      String before = masked.substring(0, m.start());
      if (NEGATION.matcher(before).find() || CN_NEGATED_WORD.matcher(before).find()) {
        continue;
      }
      int span = m.end() - m.start();
      int best = shortForm == null ? 0 : shortForm.end() - shortForm.start();
      if (span > best) {
        shortForm = new CategoryMention(category, m.start(), m.end());
        ambiguous = false;
      } else if (span == best && !category.equals(shortForm.category())) {
        ambiguous = true;
      }
    }
    CategoryMention written = null;
    for (String c : categoriesLongestFirst) {
      if (written != null && c.length() < written.end() - written.start()) {
        break; // names are longest first: a shorter one cannot win
      }
      Matcher m = phrase(c).matcher(text);
      if (m.find() && !NEGATION.matcher(text.substring(0, m.start())).find()
          && shortSpans.stream().noneMatch(s -> s.start() <= m.start() && m.end() <= s.end()
              && s.end() - s.start() > m.end() - m.start()) // 鞋 inside the short form 跑鞋 is not the parent 鞋
          && (written == null || m.start() > written.start())) { // of two as long, the later is the head (运动耳机)
        written = new CategoryMention(lowerCategories.get(c), m.start(), m.end(),
            categoryGroups.getOrDefault(c, List.of()).stream().skip(1).toList());
      }
    }
    if (shortForm != null && !ambiguous && (written == null || longerOrLaterHead(shortForm, written))) {
      return shortForm;
    }
    return written;
  }

  /**
   * Whether a short form beats the name written out: it covers more of the message, or as much and
   * comes later (Chinese puts the head last: in 运动手表 the watch, not the sport, is the category).
   */
  private static boolean longerOrLaterHead(CategoryMention shortForm, CategoryMention written) {
    int a = shortForm.end() - shortForm.start();
    int b = written.end() - written.start();
    return a > b || a == b && shortForm.start() > written.start();
  }

  /**
   * The category a Chinese product-type word of the message points to ({@link HanCategoryWords#fromTitles}:
   * 羽绒服 for coats; else {@link HanCategoryWords#fromHead}: 登山包 for 背包), unless a negation stands
   * before it; brand names do not count. Null for none.
   */
  private HanCategoryWords.@Nullable TitleWord titleWord(String text) {
    // a brand in the titles (李宁 男款轻量跑步鞋) is not a product type
    char[] masked = text.toCharArray();
    for (String name : brandsLongestFirst) {
      Matcher m = phrase(name).matcher(text);
      while (m.find()) {
        java.util.Arrays.fill(masked, m.start(), m.end(), ' ');
      }
    }
    HanCategoryWords.TitleWord word = hanWords.fromTitles(new String(masked));
    if (word == null) {
      word = hanWords.fromHead(new String(masked)); // 登山包: a modifier of the titles, then 背包's head
    }
    String before = word == null ? "" : text.substring(0, word.start());
    if (word == null || NEGATION.matcher(before).find() || CN_NEGATED_WORD.matcher(before).find()) {
      return null;
    }
    String category = lowerCategories.get(word.category());
    return category == null ? null : new HanCategoryWords.TitleWord(category, word.start(), word.end());
  }

  private boolean mentionsBrand(String text) {
    return brandsLongestFirst.stream().anyMatch(b -> containsPhrase(text, b));
  }

  private boolean mentionsValue(String text) {
    for (List<String> values : valueAttributes.values()) {
      for (String v : values) {
        if (containsPhrase(text, v)) {
          return true;
        }
      }
    }
    for (String s : valueSynonyms.keySet()) {
      if (containsPhrase(text, s)) {
        return true;
      }
    }
    for (List<String> words : FEATURE_WORDS.values()) {
      for (String w : words) {
        if (containsPhrase(text, w)) {
          return true;
        }
      }
    }
    return SIZE_NUMBER.matcher(text).find() || SIZE_LETTER.matcher(text).find();
  }

  /**
   * Whether the text gives a number in a unit that some product has as the value of an attribute
   * measured in it ("a 6mm one"); "ordered 5 days ago" is a time, not a measure.
   */
  private boolean mentionsMeasure(String message) {
    String text = inGigabytes(message);
    for (Map.Entry<Pattern, List<String>> unit : MEASURES) {
      Matcher m = unit.getKey().matcher(text);
      if (!m.find() || NOT_A_MEASURE_AFTER.matcher(text.substring(m.end())).find()) {
        continue;
      }
      String said = m.group(1) != null ? m.group(1) : m.group(2);
      boolean bound = boundSide(text.substring(0, m.start()), text.substring(m.end())) != 0;
      for (Map.Entry<String, Map<String, Set<String>>> e : valuesByCategory.entrySet()) {
        if (unit.getValue().stream().anyMatch(e.getKey()::endsWith)
            && (bound || e.getValue().getOrDefault("", Set.of()).stream().anyMatch(v -> sameNumber(v, said)))) {
          return true;
        }
      }
    }
    return false;
  }

  private record Hit(String brand, int start, int end) {}

  private static final Pattern LIST_JOIN = Pattern.compile("\\s*(?:,|or|nor|and|,\\s*or|,\\s*and|和|或|或者|跟|、|，)?\\s*");

  /**
   * Applies brand mentions in text order and returns the text with them blanked (so "The North Face"
   * is not read as anything else). A negation carries along a list: "except Sony or Bose" excludes both.
   */
  private String applyBrands(String text, Constraints filter) {
    List<Hit> hits = new ArrayList<>();
    char[] masked = text.toCharArray();
    for (String name : brandsLongestFirst) {
      Matcher m = phrase(name).matcher(new String(masked));
      List<Hit> found = new ArrayList<>();
      while (m.find()) {
        found.add(new Hit(brandByName.get(name), m.start(), m.end()));
      }
      for (Hit h : found) {
        java.util.Arrays.fill(masked, h.start(), h.end(), ' ');
      }
      hits.addAll(found);
    }
    hits.sort(Comparator.comparingInt(Hit::start));
    List<String> wanted = new ArrayList<>();
    boolean previousNegated = false;
    int previousEnd = -1;
    for (Hit h : hits) {
      boolean negated = NEGATION.matcher(text.substring(0, h.start())).find()
          || previousNegated && previousEnd >= 0 && LIST_JOIN.matcher(text.substring(previousEnd, h.start())).matches();
      if (negated) {
        filter.excludeBrand(h.brand());
      } else {
        wanted.add(h.brand());
      }
      previousNegated = negated;
      previousEnd = h.end();
    }
    if (!wanted.isEmpty()) {
      filter.clearBrands();
      wanted.forEach(filter::brand);
    }
    return new String(masked);
  }

  /**
   * Whether a value of attribute {@code name} that no product of {@code category} has still counts as
   * a constraint: when the category's products do have the attribute ("a blue backpack" where the
   * backpacks come in other colours), so the reply can say that nothing fits and offer the nearest
   * relaxation instead of showing other colours as if they had been asked for.
   */
  private boolean missingValue(String name, @Nullable String category) {
    if (category == null) {
      return false;
    }
    Set<String> values = valuesByCategory.getOrDefault(name, Map.of()).get(category.toLowerCase(Locale.ROOT));
    return values != null && !values.isEmpty();
  }

  private boolean attributeFits(String name, String value, @Nullable String category) {
    Map<String, Set<String>> byCat = valuesByCategory.get(name);
    if (byCat == null) {
      return false;
    }
    Set<String> values = byCat.get(category == null ? "" : category.toLowerCase(Locale.ROOT));
    return values != null && values.contains(value);
  }

  /** Applies the yes/no features the text names and returns the words that named them. */
  private List<String> applyFeatures(String text, Constraints filter, @Nullable String category) {
    List<String> named = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : FEATURE_WORDS.entrySet()) {
      String name = e.getKey();
      for (String w : e.getValue()) {
        Matcher m = phrase(w).matcher(text);
        if (m.find()) {
          boolean negated = NEGATION.matcher(text.substring(0, m.start())).find();
          String value = negated ? "no" : "yes";
          if (attributeFits(name, value, category)) {
            filter.clearAttribute(name).attribute(name, value);
            named.add(w);
          }
          break;
        }
      }
    }
    FEATURE_OPPOSITES.forEach((name, words) -> {
      if (named.stream().anyMatch(w -> FEATURE_WORDS.getOrDefault(name, List.of()).contains(w))) {
        return; // the attribute's own word was read above
      }
      for (String w : words) {
        Matcher m = phrase(w).matcher(text);
        if (m.find() && !NEGATION.matcher(text.substring(0, m.start())).find() && attributeFits(name, "no", category)) {
          filter.clearAttribute(name).attribute(name, "no");
          named.add(w);
          return;
        }
      }
    });
    return named;
  }

  private void applyValues(String text, Constraints filter, @Nullable String category,
      @Nullable CategoryMention mention) {
    String t = text;
    for (Map.Entry<String, String> s : valueSynonyms.entrySet()) {
      t = phrase(s.getKey()).matcher(t).replaceAll(" " + s.getValue() + " ");
    }
    Map<String, List<String>> wanted = new LinkedHashMap<>();
    Set<String> claimed = new LinkedHashSet<>();
    for (Map.Entry<String, List<String>> e : orderedByFit(category)) {
      String name = e.getKey();
      for (String value : e.getValue()) {
        if (claimed.contains(value) || !attributeFits(name, value, category) && !missingValue(name, category)) {
          continue;
        }
        Matcher m = phrase(value).matcher(t);
        if (m.find() && !BOUND_AFTER_WORD.matcher(t.substring(m.end())).find()) {
          claimed.add(value);
          if (NEGATION.matcher(t.substring(0, m.start())).find()) {
            filter.excludeAttribute(name, value);
            // "no nonstick" rules out every kind of it: ceramic nonstick, hybrid stainless nonstick
            for (String wider : e.getValue()) {
              if (!wider.equals(value) && phrase(value).matcher(wider).find() && attributeFits(name, wider, category)) {
                filter.excludeAttribute(name, wider);
                claimed.add(wider);
              }
            }
          } else {
            wanted.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
          }
        }
      }
    }
    listValues(t, category, wanted, filter);
    amountValues(t, category, wanted);
    if (category != null) {
      materialFamilies(t, category, claimed, filter).forEach((name, values) -> wanted.putIfAbsent(name, values));
      wordsApart(t, category, claimed).forEach((name, value) -> {
        if (!wanted.containsKey(name)) {
          wanted.put(name, List.of(value));
        }
      });
      modifierValues(text, category, mention).forEach((name, value) -> {
        if (!wanted.containsKey(name) && !filter.hasExclusion(name, value)) {
          wanted.put(name, List.of(value));
        }
      });
    }
    wanted.forEach((name, values) -> {
      filter.clearAttribute(name);
      values.forEach(v -> filter.attribute(name, v));
    });
  }

  private static final Pattern PLENTY = Pattern.compile(
      "\\b(?:lots of|a lot of|lots and lots of|plenty of|tons of|a ton of|loads of|heaps of|maximum|max|extra) $");
  /** The top of a graded attribute's scale, as catalogs write it. */
  private static final List<String> HIGH_GRADES = List.of("max", "maximum", "very high", "extra high", "high");

  /**
   * "lots of cushioning", "plenty of support": the top grades ({@link #HIGH_GRADES}) among the category's
   * values of the attribute named after the amount word, for an attribute the message constrains no
   * other way.
   */
  private void amountValues(String t, @Nullable String category, Map<String, List<String>> wanted) {
    if (category == null) {
      return;
    }
    String key = category.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, Map<String, Set<String>>> e : valuesByCategory.entrySet()) {
      String name = e.getKey();
      Set<String> values = e.getValue().getOrDefault(key, Set.of());
      if (wanted.containsKey(name) || values.isEmpty()) {
        continue;
      }
      Matcher m = phrase(name.replace('_', ' ')).matcher(t);
      if (!m.find() || !PLENTY.matcher(t.substring(Math.max(0, m.start() - 24), m.start())).find()) {
        continue;
      }
      List<String> high = HIGH_GRADES.stream().filter(values::contains).toList();
      if (!high.isEmpty()) {
        wanted.put(name, high);
      }
    }
  }

  /**
   * Values that list several items ("ios, android", "gas/electric") where the message names one of the
   * items as a word: "works with my android phone" wants {@code android} and {@code ios, android} alike.
   * An item negated in the message ("not android") adds nothing; an item of fewer than three letters is
   * left out.
   */
  /** What separates the items of a value that lists several: "ios, android", "gas/electric", "cork and tpe". */
  private static final Pattern LIST_ITEMS = Pattern.compile("\\s*[,/]\\s*|\\s+and\\s+");

  private void listValues(String t, @Nullable String category, Map<String, List<String>> wanted, Constraints filter) {
    for (Map.Entry<String, List<String>> e : orderedByFit(category)) {
      String name = e.getKey();
      for (String value : e.getValue()) {
        if (!value.contains(",") && !value.contains("/") && !value.contains(" and ")
            || !attributeFits(name, value, category) || wanted.getOrDefault(name, List.of()).contains(value)) {
          continue;
        }
        for (String item : LIST_ITEMS.split(value)) {
          if (item.length() < 3) {
            continue;
          }
          Matcher m = phrase(item).matcher(t);
          if (m.find() && !NEGATION.matcher(t.substring(0, m.start())).find() && !filter.hasExclusion(name, value)) {
            wanted.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            break;
          }
        }
      }
    }
  }

  /**
   * Values of two words or more that the message names with their words apart ("a knife for slicing
   * bread": bread knife), or of three words or more without the middle ones ("knife set": knife block
   * set), among the values of the category in question that nothing else claimed. Each
   * word must stand in the message as a word of its own; joining words ("and", "of") do not count, and
   * a value whose words are all joining words or numbers is left out. One value per attribute, the
   * longest, and only where no other value of that attribute has all its words in the message.
   */
  private Map<String, String> wordsApart(String text, String category, Set<String> claimed) {
    Map<String, String> out = new LinkedHashMap<>();
    String key = category.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, List<String>> e : valueAttributes.entrySet()) {
      Set<String> ofCategory = valuesByCategory.getOrDefault(e.getKey(), Map.of()).getOrDefault(key, Set.of());
      List<String> found = new ArrayList<>();
      for (String value : e.getValue()) {
        if (!ofCategory.contains(value) || claimed.contains(value) || isHan(value) || ANY_NEGATION.matcher(text).find()) {
          continue;
        }
        List<String> words = java.util.Arrays.stream(value.split("[\\s,]+"))
            .filter(w -> !JOINING_WORDS.contains(w) && !w.matches("[\\d.]+")).toList();
        if (words.size() >= 2 && words.stream().allMatch(w -> phrase(w).matcher(text).find())
            || words.size() >= 3 && (phrase(words.get(0) + " " + words.get(words.size() - 1)).matcher(text).find()
                || phrase(words.get(words.size() - 2) + " " + words.get(words.size() - 1)).matcher(text).find()
                    && !ofCategory.contains(words.get(words.size() - 2) + " " + words.get(words.size() - 1)))) {
          // "knife set" is a knife block set, "german steel" high-carbon german steel: a value of three
          // words without its middle or its first, unless those words are a value of their own
          found.add(value);
        } else if (words.size() >= 2 && words.get(0).matches("[a-z]{3,}")
            && (phrase(words.get(0) + "y").matcher(text).find()
                || phrase(words.get(0) + words.get(0).charAt(words.get(0).length() - 1) + "y").matcher(text).find())) {
          found.add(value); // "muddy trails": mud and soft ground, by the adjective of the value's first noun
        } else if (words.size() >= 2 && words.stream().anyMatch(w -> w.length() >= 6 && w.matches("[a-z]+")
            && phrase(w).matcher(text).find() && onlyValueWith(w, value, key))) {
          found.add(value); // "a damascus blade": the one value of the category that has the word
        }
      }
      found.sort(Comparator.comparingInt(String::length).reversed());
      if (found.size() == 1 || found.size() > 1 && found.stream().skip(1).allMatch(v -> found.get(0).contains(v))) {
        out.put(e.getKey(), found.get(0));
      }
    }
    return out;
  }

  /**
   * Whether {@code value} is the only value of the category {@code key}, of any attribute, with the word
   * {@code word}, and the word names no brand or category: then the word alone can stand for it.
   */
  private boolean onlyValueWith(String word, String value, String key) {
    if (brandByName.containsKey(word) || lowerCategories.keySet().stream().anyMatch(c -> phrase(word).matcher(c).find())) {
      return false;
    }
    for (Map<String, Set<String>> byCat : valuesByCategory.values()) {
      for (String other : byCat.getOrDefault(key, Set.of())) {
        if (!other.equals(value) && phrase(word).matcher(other).find()) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Everyday words for families of materials that catalogs name one by one: "plastic" is tritan,
   * polypropylene, PVC and the like; "metal" steel and aluminium.
   */
  private static final Map<String, Set<String>> MATERIAL_FAMILIES = Map.of(
      "plastic", Set.of("tritan", "polypropylene", "polycarbonate", "pvc", "tpe", "nbr foam", "abs", "pet", "polyethylene",
          "塑料"),
      "metal", Set.of("stainless steel", "steel", "aluminium", "aluminum", "titanium", "cast iron", "copper",
          "enameled cast iron", "不锈钢", "钛", "铝"));

  /**
   * A material family the message names ("a water bottle that isn't plastic", "metal bottles"): the
   * category's values of that family, wanted or, after a negation, excluded. Only where the message
   * names none of the values itself.
   */
  private static final Pattern FAMILY_NEGATED_BEFORE = Pattern.compile(
      "(?:" + NOT_CONTRACTED + "|\\bnot|\\bno|\\bfree of|\\bwithout|\\bnon)[\\s-]+(?:\\p{IsLatin}+\\s+)?$"
          + "|(?:不要|不是|没有|不含|无)\\s*$");
  private static final Pattern FAMILY_FREE_AFTER = Pattern.compile("^[- ]?free\\b");

  private Map<String, List<String>> materialFamilies(String text, String category, Set<String> claimed,
      Constraints filter) {
    Map<String, List<String>> wanted = new LinkedHashMap<>();
    String key = category.toLowerCase(Locale.ROOT);
    MATERIAL_FAMILIES.forEach((word, family) -> {
      Matcher m = phrase(word).matcher(text);
      if (!m.find()) {
        return;
      }
      boolean negated = FAMILY_NEGATED_BEFORE.matcher(text.substring(0, m.start())).find()
          || FAMILY_FREE_AFTER.matcher(text.substring(m.end())).find(); // "plastic-free"
      valuesByCategory.forEach((name, byCat) -> {
        List<String> members = byCat.getOrDefault(key, Set.of()).stream().filter(family::contains)
            .filter(v -> !claimed.contains(v)).sorted().toList();
        if (!members.isEmpty()) {
          if (negated) {
            members.forEach(v -> filter.excludeAttribute(name, v));
          } else {
            wanted.put(name, members);
          }
        }
      });
    });
    return wanted;
  }

  /** {@link #VALUE_STOPWORDS} that stay words even next to a category's name: "hiking boots", "a camping trip". */
  private static final Set<String> NEVER_MODIFIERS = Set.of("yes", "no", "none", "hiking", "camping");
  /** Words before a value that make a short message something other than a follow-up naming it. */
  private static final String NOT_IN_FOLLOW_UP = "(?:how|what|which|why|when|where|do|does|did|is|are|was|were|will"
      + "|would|can|could|should|no|not|without|except|than)";
  /** Words that end a modifier rather than stand inside it: "long do sleeping bags last" is no long bag. */
  private static final String NOT_MODIFIED = "(?:do|does|did|is|are|was|were|will|would|can|could|should|to|the|a|an"
      + "|my|your|for|with|that|than)";

  /**
   * Values too common as words to count anywhere ({@link #VALUE_STOPWORDS}: "drip", "long", "max",
   * "pair") where they plainly modify the product: right before the category's name, at most one word
   * between ("drip coffee maker", "a pair of dumbbells", "high cushioning running shoes"), after it at
   * the end of the message behind a comma ("down sleeping bag, long"), or last in a short follow-up that
   * names no category and asks nothing ("long ones", "programmable drip", "actually countertop ones").
   * Only values of the category in question that one attribute alone has, and never after a negation.
   */
  private Map<String, String> modifierValues(String text, String category, @Nullable CategoryMention mention) {
    Map<String, String> out = new LinkedHashMap<>();
    String key = category.toLowerCase(Locale.ROOT);
    Map<String, String> byValue = new HashMap<>();
    Set<String> shared = new HashSet<>();
    valuesByCategory.forEach((name, byCat) -> byCat.getOrDefault(key, Set.of()).forEach(v -> {
      if (VALUE_STOPWORDS.contains(v) && !NEVER_MODIFIERS.contains(v) && byValue.putIfAbsent(v, name) != null) {
        shared.add(v);
      }
    }));
    shared.forEach(byValue::remove);
    String before = mention == null ? null : text.substring(0, mention.start());
    String after = mention == null ? null : text.substring(mention.end());
    String words = text.trim().replaceAll("\\s+", " "); // feature words may have been blanked out
    boolean shortFollowUp = mention == null && words.split(" ").length <= 4 && !QUESTION.matcher(words).matches();
    for (Map.Entry<String, String> e : byValue.entrySet()) {
      String v = Pattern.quote(e.getKey());
      boolean modifies = (modifierPattern("(?:^|[^\\p{L}])(?<!how )" + v + " of\\b").matcher(text).find() // "a pair of"
          || modifierPattern("(?:^|[^\\p{L}])" + v + "[ -]" + Pattern.quote(ReplyComposer.label(e.getValue()))
              + "\\b").matcher(text).find() // "mid cut": the value before its attribute's name
          || mention == null && modifierPattern("(?:^|[^\\p{L}])(?<!how )" + v + " ones?\\b").matcher(text).find())
          // "a personal one under 100": the value of the product spoken of as "one"
          && !NEGATION.matcher(text.substring(0, text.indexOf(e.getKey()))).find()
          || before != null && modifierPattern(
              "(?:^|[^\\p{L}])(?<!how )" + v + "(?:\\s+(?!" + NOT_MODIFIED + "\\b)\\p{L}+)?\\s*$").matcher(before).find()
          && !NEGATION.matcher(before.substring(0, before.lastIndexOf(e.getKey()))).find()
          || after != null && modifierPattern("^[^,]*,\\s*" + v + "(?:\\s+(?:ones?|please))?[\\s.!]*$").matcher(after).find()
          || shortFollowUp && modifierPattern("^(?:(?!" + NOT_IN_FOLLOW_UP + "\\b)[\\p{L}'-]+ ){0,3}?" + v
              + "(?: (?:ones?|version|please|instead|then))*[ .!]*$").matcher(words).find()
              && !NEGATION.matcher(words.substring(0, words.indexOf(e.getKey()))).find();
      if (modifies) {
        out.put(e.getValue(), e.getKey());
      }
    }
    return out;
  }

  /** The patterns {@link #modifierValues} builds around each value, compiled once. */
  private static final java.util.concurrent.ConcurrentMap<String, Pattern> MODIFIER_PATTERNS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Pattern modifierPattern(String regex) {
    return MODIFIER_PATTERNS.computeIfAbsent(regex, Pattern::compile);
  }

  /**
   * Units as shoppers write them, each with how attribute names end where the catalog measures in it
   * ("thickness_mm", "temp_rating_f"), so "a 6mm one" and "rated to 0 degrees" find their attribute.
   */
  private static final List<Map.Entry<Pattern, List<String>>> MEASURES = List.of(
      Map.entry(Pattern.compile("(\\d{1,5}(?:\\.\\d{1,2})?)\\s*-?\\s*(?:mm|millimet(?:er|re)s?)(?![\\p{IsLatin}])|(\\d{1,5}(?:\\.\\d{1,2})?)\\s*毫米"), List.of("_mm")),
      Map.entry(Pattern.compile("(-?\\d{1,3})\\s*-?\\s*(?:degrees?|°)(?:\\s*f(?:ahrenheit)?)?(?![\\p{IsLatin}])"
          + "|(-?\\d{1,3})\\s*(?:f|fahrenheit)(?![\\p{IsLatin}])"), List.of("_f")),
      Map.entry(Pattern.compile("(\\d{1,2}(?:\\.\\d{1,2})?)\\s*-?\\s*(?:inch(?:es)?|\"|″)(?![\\p{IsLatin}])|(\\d{1,2}(?:\\.\\d{1,2})?)\\s*英?寸"), List.of("_in")),
      Map.entry(Pattern.compile("(\\d{1,3}(?:\\.\\d{1,2})?)\\s*-?\\s*(?:l|lit(?:er|re)s?)(?![\\p{IsLatin}])|(\\d{1,3}(?:\\.\\d{1,2})?)\\s*升"), List.of("_l")),
      Map.entry(Pattern.compile("(\\d{1,3})\\s*-?\\s*(?:oz|ounces?)(?![\\p{IsLatin}])"), List.of("_oz")),
      Map.entry(Pattern.compile("(\\d{1,3}(?:\\.\\d{1,2})?)\\s*-?\\s*(?:kgs?|kilos?|kilograms?)(?![\\p{IsLatin}])"
          + "|(\\d{1,3}(?:\\.\\d{1,2})?)\\s*(?:公斤|千克)"), List.of("_kg")),
      Map.entry(Pattern.compile("(\\d{1,5})\\s*-?\\s*(?:g|grams?)(?![\\p{IsLatin}])|(\\d{1,5})\\s*(?<![公千])克"),
          List.of("_g")),
      Map.entry(Pattern.compile("(\\d{1,3}(?:\\.\\d{1,2})?)\\s*-?\\s*(?:lbs?|pounds?)(?![\\p{IsLatin}])|(\\d{1,3}(?:\\.\\d{1,2})?)\\s*磅"), List.of("_lb")),
      Map.entry(Pattern.compile("(\\d{1,4})\\s*-?\\s*(?:gb|gigs?|gigabytes?)(?![\\p{IsLatin}])"), List.of("_gb")),
      Map.entry(Pattern.compile("(\\d{1,3})\\s*-?\\s*(?:hours?|hrs?)(?![\\p{IsLatin}])|(\\d{1,3})\\s*(?:个)?小时"), List.of("_hours")),
      Map.entry(Pattern.compile("(\\d{1,3})\\s*-?\\s*days?(?![\\p{IsLatin}])|(\\d{1,3})\\s*天"), List.of("_days")),
      Map.entry(Pattern.compile("(\\d{1,4})\\s*-?\\s*(?:w|watts?)(?![\\p{IsLatin}])|(\\d{1,4})\\s*瓦"), List.of("_w", "wattage")),
      Map.entry(Pattern.compile("(\\d{1,2})\\s*-?\\s*(?:pieces?|pcs|piece)(?![\\p{IsLatin}])|(\\d{1,2})\\s*件套"), List.of("pieces")),
      Map.entry(Pattern.compile("(\\d{1,2})\\s*-?\\s*speeds?(?![\\p{IsLatin}])"), List.of("speeds")),
      Map.entry(Pattern.compile("(\\d{3})\\s*-?\\s*(?:fill[- ]?power|fill|fp)(?![\\p{IsLatin}])|(\\d{3})\\s*蓬松度"),
          List.of("fill_power")));

  /**
   * A number with a unit ("a 6mm one", "rated to 0 degrees", "a 40l pack") constrains the category's
   * attribute measured in that unit, where exactly one such attribute has that value; a value no
   * product has is left to the search text rather than made a filter nothing passes. With a bound
   * ("at least 16gb", "over 50 liters", "good down to 20 degrees", "40l or more") it becomes a range,
   * exclusive after "more than", "under" and the like, where some product of the category lies on
   * that side. Where two attributes share the unit (RAM and storage in GB), the
   * one the message names wins.
   */
  private void applyMeasures(String message, Constraints filter, @Nullable String category) {
    String text = inGigabytes(message);
    String key = category == null ? "" : category.toLowerCase(Locale.ROOT);
    for (Map.Entry<Pattern, List<String>> unit : MEASURES) {
      Matcher m = unit.getKey().matcher(text);
      while (m.find()) { // "32gb of ram and 1tb": each measure in turn
        if (!ROUGHLY_BEFORE.matcher(text.substring(0, m.start())).find()
            && !ROUGHLY_AFTER.matcher(text.substring(m.end())).find()
            && !NOT_A_MEASURE_AFTER.matcher(text.substring(m.end())).find()) {
          applyMeasure(text, m, unit.getValue(), key, filter); // "30 litres or so" is left to the search text
        }
      }
    }
  }

  /** A unit the category may measure in instead of the one said ("1.5 kg" for backpacks weighed in grams). */
  private record Conversion(String suffix, BigDecimal factor) {}

  /**
   * Units converted where the category has no attribute in the unit said: mass between kilograms,
   * grams and pounds, liters to fluid ounces, millimeters and inches. Ounces are not converted: a
   * catalog's ounces may weigh or hold.
   */
  private static final Map<String, List<Conversion>> CONVERSIONS = Map.of(
      "_kg", List.of(new Conversion("_g", new BigDecimal("1000")), new Conversion("_lb", new BigDecimal("2.20462262"))),
      "_g", List.of(new Conversion("_kg", new BigDecimal("0.001")), new Conversion("_lb", new BigDecimal("0.00220462262"))),
      "_lb", List.of(new Conversion("_kg", new BigDecimal("0.45359237")), new Conversion("_g", new BigDecimal("453.59237"))),
      "_l", List.of(new Conversion("_oz", new BigDecimal("33.8140227"))),
      "_mm", List.of(new Conversion("_in", BigDecimal.ONE.divide(new BigDecimal("25.4"), MathContext.DECIMAL64))),
      "_in", List.of(new Conversion("_mm", new BigDecimal("25.4"))));

  private void applyMeasure(String text, Matcher m, List<String> unitSuffixes, String key, Constraints filter) {
    if (!measuredIn(key, unitSuffixes)) {
      for (Conversion c : CONVERSIONS.getOrDefault(unitSuffixes.get(0), List.of())) {
        if (measuredIn(key, List.of(c.suffix()))) {
          applyMeasure(text, m, List.of(c.suffix()), c.factor(), key, filter);
          return;
        }
      }
    }
    applyMeasure(text, m, unitSuffixes, BigDecimal.ONE, key, filter);
  }

  /** Whether the category {@code key} has an attribute whose name ends in one of {@code suffixes}. */
  private boolean measuredIn(String key, List<String> suffixes) {
    return valuesByCategory.entrySet().stream().anyMatch(e -> suffixes.stream().anyMatch(e.getKey()::endsWith)
        && !e.getValue().getOrDefault(key, Set.of()).isEmpty());
  }

  /** A number in the message, times {@code factor} (a unit conversion; 1 for none). */
  private static BigDecimal converted(String number, BigDecimal factor) {
    BigDecimal n = new BigDecimal(number);
    if (factor.compareTo(BigDecimal.ONE) == 0) {
      return n;
    }
    BigDecimal v = n.multiply(factor).round(MathContext.DECIMAL64).stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0) : v; // 1500, not 1.5E+3
  }

  private void applyMeasure(String text, Matcher m, List<String> suffixes, BigDecimal factor, String key,
      Constraints filter) {
    BigDecimal said = converted(m.group(1) != null ? m.group(1) : m.group(2), factor);
    String before = text.substring(0, m.start());
    String after = text.substring(m.end());
    int side = boundSide(before, after);
    boolean strict = STRICT_BEFORE.matcher(before).find(); // "more than 10 days" leaves 10 out, "at least" keeps it
    Matcher span = RANGE_BEFORE_MEASURE.matcher(before);
    BigDecimal other = side == 0 && span.find() ? converted(span.group(1), factor) : null; // "between 1 and 2 kg"
    BigDecimal low = other == null ? null : other.min(said);
    BigDecimal high = other == null ? null : other.max(said);
    Map<String, List<String>> found = new LinkedHashMap<>();
    valuesByCategory.forEach((name, byCat) -> {
      Set<String> values = byCat.getOrDefault(key, Set.of());
      if ((side != 0 || low != null) && values.stream().anyMatch(v -> measure(v) == null)) {
        return; // some values are ranges ("5-50" lb): a bound would drop them, so it is left to the search text
      }
      if (suffixes.stream().anyMatch(name::endsWith)) {
        List<String> fitting = values.stream().filter(v -> {
          BigDecimal n = measure(v);
          int c = n == null ? 0 : Integer.signum(n.compareTo(said));
          if (n != null && low != null) {
            return n.compareTo(low) >= 0 && n.compareTo(high) <= 0;
          }
          return n != null && (side == 0 ? c == 0 : c != -side && !(strict && c == 0));
        }).sorted(Comparator.comparing(RuleUnderstander::measure)).toList();
        if (!fitting.isEmpty()) {
          found.put(name, fitting);
        }
      }
    });
    if (found.size() > 1) {
      found.keySet().retainAll(found.keySet().stream().filter(name -> namesAttribute(text, name)).toList());
    }
    if (found.size() == 1) {
      Map.Entry<String, List<String>> e = found.entrySet().iterator().next();
      if (low != null) {
        filter.bound(e.getKey(), 1, low, false);
        filter.bound(e.getKey(), -1, high, false);
        return;
      }
      if (side == 0) {
        filter.clearAttribute(e.getKey());
        e.getValue().forEach(v -> filter.attribute(e.getKey(), v));
        return;
      }
      filter.bound(e.getKey(), side, said, strict); // "more than 10 days" leaves 10 out, 10.5 in
    }
  }

  private static final Pattern TERABYTES = Pattern.compile(
      "(\\d{1,2}(?:\\.\\d{1,2})?)\\s*-?\\s*(?:tb|terabytes?)(?![\\p{IsLatin}])");

  /** Terabytes as the gigabytes catalogs count storage in ("1tb" is 1024gb), so a measure in GB finds them. */
  static String inGigabytes(String text) {
    return TERABYTES.matcher(text).replaceAll(m ->
        new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024)).stripTrailingZeros().toPlainString() + "gb");
  }

  /** Whether the text names an attribute by its own words ("ram" for ram_gb) or an everyday word for it. */
  private static boolean namesAttribute(String text, String name) {
    return containsPhrase(text, ReplyComposer.label(name)) || ASK_WORDS.getOrDefault(name, List.of()).stream()
        .anyMatch(w -> containsPhrase(text, w));
  }

  private static @Nullable BigDecimal measure(String value) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** "down to 15 degrees", "up to 30": a word before "to" and a number is a bound, not a value. */
  private static final Pattern BOUND_AFTER_WORD = Pattern.compile("^\\s+to\\s+-?\\d");
  private static final Pattern AT_LEAST_BEFORE = Pattern.compile(
      "\\b(?:at least|" + NOT_NEGATED + "(?:over|more than|above|bigger than|larger than|longer than|thicker than"
          + "|heavier than|wider than|taller than)|min(?:imum)?"
          + "|no less than|not less than|not under|not below|no smaller than|no lighter than|no shorter than"
          + "|no thinner than|no narrower than"
          + "|starting at)\\s*$|(?:至少|(?<![不别])超过|(?<![不别])大于|不少于|不低于|不小于)\\s*$");
  private static final Pattern AT_MOST_BEFORE = Pattern.compile(
      "\\b(?:at most|" + NOT_NEGATED + "(?:under|below|less than|lighter than|smaller than|shorter than"
          + "|thinner than|narrower than)|up to|max(?:imum)?|no more than|not more than|not over|not above"
          + "|no bigger than|no larger than|no heavier than|no longer than|no thicker than|no wider than"
          + "|no taller than|down to)\\s*$|(?:最多|[不别]超过|[不别]大于|[不别]高于|(?<!不)小于|(?<!不)低于|不到)\\s*$");
  private static final Pattern AT_LEAST_AFTER = Pattern.compile(
      "^\\s*(?:\\p{IsLatin}+\\s+){0,2}(?:(?:or more|and up|and above|or higher|or bigger|or larger|or above|or over|plus"
          + "|minimum|at (?:the )?least)\\b|\\+)"
          + "|^\\s*(?:以上|起)");
  private static final Pattern AT_MOST_AFTER = Pattern.compile(
      "^\\s*(?:\\p{IsLatin}+\\s+){0,2}(?:or less|or fewer|or lower|or under|or below|or smaller|or lighter|max(?:imum)?"
          + "|at (?:the )?most|tops)\\b"
          + "|^\\s*(?:以下|以内|之内)");
  /**
   * A first number and a span word right before a measure: "between 1 and 2 kg", "1-2 kg", "from 10 to
   * 20 days", "1kg to 2kg"; the measure then bounds both ends, inclusively.
   */
  private static final Pattern RANGE_BEFORE_MEASURE = Pattern.compile(
      "(?:\\bbetween\\s+|\\bfrom\\s+|(?<![\\d.]))(\\d{1,4}(?:\\.\\d{1,2})?)\\s*(?:\\p{IsLatin}{1,12}\\s*)?"
          + "(?:and|to|-|–|~|到|至)\\s*$");
  /** Bound words that leave the bound itself out: "more than 10 days", not "no more than". */
  private static final Pattern STRICT_BEFORE = Pattern.compile(
      "\\b" + NOT_NEGATED + "(?:over|more than|above|bigger than|larger than|longer than|under|below|less than"
          + "|lighter than|smaller than|shorter than|thicker than|heavier than|wider than|taller than|thinner than"
          + "|narrower than)\\s*$|(?:(?<![不别])超过|(?<![不别])大于|(?<!不)小于|(?<!不)低于|不到)\\s*$");

  /**
   * What something can stand, asked as a capability: "can go in the oven at 500 degrees", "safe up to
   * 450", "can handle up to 30 lb". The shopper wants that much or more, even after "up to".
   */
  private static final Pattern CAPABLE_BEFORE = Pattern.compile(
      "\\b(?:(?:can|could|will|able to)\\s+(?:go|be used|handle|take|withstand|survive|stand|hold|carry|support)"
          + "|safe|resistant|resists)\\b[^,.;!?]{0,30}?\\b(?:at|to|up to|in|of)\\s*$"
          + "|\\b(?:can|could|will|able to)\\s+(?:handle|take|withstand|survive|stand)\\s*$|(?:能承受|可承受|耐)\\s*$");

  /**
   * 1 for a lower bound around a measure ("at least 16gb", "40l or more", "can go in the oven at 500
   * degrees"), -1 for an upper one, 0 for none.
   */
  private static int boundSide(String before, String after) {
    return AT_LEAST_BEFORE.matcher(before).find() || AT_LEAST_AFTER.matcher(after).find()
        || CAPABLE_BEFORE.matcher(before).find() ? 1
        : AT_MOST_BEFORE.matcher(before).find() || AT_MOST_AFTER.matcher(after).find() ? -1 : 0;
  }

  private static final Pattern ROUGHLY_BEFORE = Pattern.compile(
      "\\b(?:about|around|roughly|approximately|approx\\.?|circa|~)\\s*$|(?:大约|大概|差不多|约)\\s*$");
  private static final Pattern ROUGHLY_AFTER = Pattern.compile(
      "^\\s*(?:or so|ish\\b|-ish\\b|give or take|more or less|or thereabouts)|^\\s*(?:左右|上下)");

  private static final Pattern NOT_A_MEASURE_AFTER = Pattern.compile(
      "^\\s*(?:ago|back|later|from now|before|after|old)\\b|^\\s*(?:前|以前|之前|后|以后|之后)");

  private static boolean sameNumber(String value, String said) {
    BigDecimal a = measure(value);
    BigDecimal b = measure(said);
    return a != null && b != null && a.compareTo(b) == 0;
  }

  private static final Pattern FOR_MEN = Pattern.compile(
      "\\b(dad|daddy|father|husband|hubby|boyfriend|son|brother|grandpa|grandfather|uncle|nephew|fianc[eé])\\b"
          + "|\\bfor (?:him|an? (?:\\p{IsLatin}+ )?(?:man|guy|boy))\\b|老爸|爸爸|我爸|父亲|老公|男朋友|男友|儿子|哥哥|我哥|弟弟|我弟|爷爷|外公");
  private static final Pattern FOR_WOMEN = Pattern.compile(
      "\\b(mom|mommy|mum|mother|wife|girlfriend|daughter|sister|grandma|grandmother|aunt|niece|fianc[eé]e)\\b"
          + "|\\bfor (?:her|an? (?:\\p{IsLatin}+ )?(?:woman|lady|girl))\\b|老妈|妈妈|我妈|母亲|老婆|女朋友|女友|女儿|姐姐|我姐|妹妹|我妹|奶奶|外婆");
  private static final Set<String> MEN_VALUES = Set.of("men", "man", "male", "mens", "男", "男款", "男士");
  private static final Set<String> WOMEN_VALUES = Set.of("women", "woman", "female", "womens", "女", "女款", "女士");

  /**
   * Whom the product is for, where the message says so by a relation rather than a gender ("running
   * shoes for my dad", "给老婆买件羽绒服"): the category's gender value, unless the message names a
   * gender itself, names people of both, or the category has no such attribute.
   */
  private void applyRecipient(String text, Constraints filter, @Nullable String category) {
    if (category == null) {
      return;
    }
    boolean men = FOR_MEN.matcher(text).find();
    boolean women = FOR_WOMEN.matcher(text).find();
    if (men == women) {
      return;
    }
    Set<String> wantedValues = men ? MEN_VALUES : WOMEN_VALUES;
    String key = category.toLowerCase(Locale.ROOT);
    valuesByCategory.forEach((name, byCat) -> {
      Set<String> values = byCat.getOrDefault(key, Set.of());
      boolean gendered = values.stream().anyMatch(v -> MEN_VALUES.contains(v) || WOMEN_VALUES.contains(v));
      if (gendered && !filter.hasAttribute(name)) {
        values.stream().filter(wantedValues::contains).findFirst().ifPresent(v -> filter.attribute(name, v));
      }
    });
  }

  /**
   * The one leaf category that has the attributes asked for, when the message names no category and some
   * attribute asked for belongs to one kind of product alone: "somewhere to sleep for 3 people" is a
   * tent where only tents are counted in people. Attributes every kind has (colour) imply nothing, even
   * where one value happens to occur in one category only.
   */
  private Optional<String> impliedCategory(Constraints filter) {
    ProductFilter asked = filter.build();
    Set<String> names = new LinkedHashSet<>(asked.attributes().keySet());
    names.addAll(asked.attributeRanges().keySet()); // "cookware that can handle 600 degrees": only cookware has oven_safe_f
    if (!asked.categories().isEmpty() || names.isEmpty()) {
      return Optional.empty();
    }
    Set<String> leaves = null;
    for (String name : names) {
      Set<String> having = leavesByAttribute.getOrDefault(name, Set.of());
      if (leaves == null) {
        leaves = new HashSet<>(having);
      } else {
        leaves.retainAll(having);
      }
    }
    if (leaves != null && leaves.size() == 1) {
      return Optional.of(leaves.iterator().next());
    }
    return impliedByValues(asked);
  }

  /**
   * The one leaf category whose products alone carry the values asked for ("a daypack": `use` daypack is
   * a backpack's), for attributes that few kinds of product have: at most a quarter of the leaves, so a
   * colour that happens to occur in one category still implies nothing. Such common attributes asked
   * alongside ("a black daypack") must fit the category implied by the others.
   */
  private Optional<String> impliedByValues(ProductFilter asked) {
    String found = null;
    for (Map.Entry<String, Set<String>> e : asked.attributes().entrySet()) {
      Set<String> having = leavesByAttribute.getOrDefault(e.getKey(), Set.of());
      if (having.size() * 4 > attributedLeaves) {
        continue; // common to many kinds: checked against the kind the others imply, below
      }
      Map<String, Set<String>> byLeaf = valuesByCategory.getOrDefault(e.getKey(), Map.of());
      for (String leaf : having) {
        Set<String> values = byLeaf.getOrDefault(leaf.toLowerCase(Locale.ROOT), Set.of());
        if (e.getValue().stream().allMatch(v -> values.contains(v.toLowerCase(Locale.ROOT)))) {
          if (found != null && !found.equals(leaf)) {
            return Optional.empty();
          }
          found = leaf;
        }
      }
      if (found == null) {
        return Optional.empty();
      }
    }
    if (found == null) {
      return Optional.empty();
    }
    String leaf = found.toLowerCase(Locale.ROOT);
    boolean fits = asked.attributes().entrySet().stream().allMatch(e -> {
      Set<String> values = valuesByCategory.getOrDefault(e.getKey(), Map.of()).getOrDefault(leaf, Set.of());
      return e.getValue().stream().allMatch(v -> values.contains(v.toLowerCase(Locale.ROOT)));
    });
    return fits ? Optional.of(found) : Optional.empty();
  }

  private static final Pattern ANY_NEGATION = Pattern.compile("\\b(not|no|without|except|never|nothing)\\b|不|没|别");
  private static final Set<String> JOINING_WORDS = Set.of("and", "or", "of", "with", "for", "the", "a", "in", "&");

  /** Attributes in order of how many products in the category have them, so a value shared by two reads as the commoner. */
  private List<Map.Entry<String, List<String>>> orderedByFit(@Nullable String category) {
    String key = category == null ? "" : category.toLowerCase(Locale.ROOT);
    List<Map.Entry<String, List<String>>> entries = new ArrayList<>(valueAttributes.entrySet());
    entries.sort(Comparator.comparingInt((Map.Entry<String, List<String>> e) -> {
      Map<String, Set<String>> byCat = valuesByCategory.getOrDefault(e.getKey(), Map.of());
      return byCat.containsKey(key) ? 0 : 1;
    }).thenComparing(e -> e.getKey().equals("color") ? 0 : 1));
    return entries;
  }

  private void applySizes(String text, Constraints filter, @Nullable String category) {
    Matcher n = SIZE_NUMBER.matcher(text);
    if (n.find()) {
      double size = Double.parseDouble(n.group(1) != null ? n.group(1) : n.group(2));
      Set<String> ranges = valuesByCategory.getOrDefault("size_range", Map.of())
          .getOrDefault(category == null ? "" : category.toLowerCase(Locale.ROOT), Set.of());
      ProductFilter sofar = filter.build();
      List<String> fitting = ranges.stream().filter(r -> inRange(r, size)).filter(r -> catalog.products().stream()
          .anyMatch(p -> r.equalsIgnoreCase(p.attributes().get("size_range")) && sofar.test(p))).toList();
      if (!fitting.isEmpty()) {
        filter.clearAttribute("size_range");
        fitting.forEach(r -> filter.attribute("size_range", r));
      }
    }
    Matcher l = SIZE_LETTER.matcher(text);
    if (l.find()) {
      String s = l.group(1) != null ? l.group(1) : l.group(2);
      s = switch (s) {
        case "small" -> "s";
        case "medium" -> "m";
        case "large" -> "l";
        case "x-large" -> "xl";
        default -> s;
      };
      int idx = LETTER_SIZES.indexOf(s);
      Set<String> ranges = valuesByCategory.getOrDefault("sizes", Map.of())
          .getOrDefault(category == null ? "" : category.toLowerCase(Locale.ROOT), Set.of());
      List<String> fitting = ranges.stream().filter(r -> {
        String[] ends = r.split("-");
        return ends.length == 2 && LETTER_SIZES.indexOf(ends[0]) <= idx && idx <= LETTER_SIZES.indexOf(ends[1])
            && LETTER_SIZES.indexOf(ends[0]) >= 0;
      }).toList();
      if (idx >= 0 && !fitting.isEmpty()) {
        filter.clearAttribute("sizes");
        fitting.forEach(r -> filter.attribute("sizes", r));
      }
    }
    Matcher p = PERSON.matcher(text);
    if (p.find()) {
      String said = java.util.stream.IntStream.rangeClosed(1, p.groupCount()).mapToObj(p::group)
          .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
      long words = englishNumber(said);
      applyHeadcount(words > 0 ? Long.toString(words) : said, filter, category);
    }
    int party = partySize(text);
    if (party > 1 && !PERSON.matcher(text).find()) {
      applyHeadcount(Integer.toString(party), filter, category);
    } else if (party == 0 && !PERSON.matcher(text).find() && SOLO.matcher(text).find()) {
      applyHeadcount("1", filter, category);
    }
    if (TALL.matcher(text).find() && attributeFits("length", "long", category)) {
      filter.clearAttribute("length").attribute("length", "long");
    }
    Matcher cn = CN_PERSON.matcher(text);
    if (cn.find()) {
      String said = java.util.stream.IntStream.rangeClosed(1, cn.groupCount()).mapToObj(cn::group)
          .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
      long people = said.equals("双") ? 2 : said.equals("单") ? 1
          : Character.isDigit(said.charAt(0)) ? Long.parseLong(said) : chineseNumber(said);
      if (people > 0) {
        applyHeadcount(Long.toString(people), filter, category);
      }
    }
    Matcher r = RAM.matcher(text);
    if (r.find() && boundSide(text.substring(0, r.start()), text.substring(r.end())) == 0 // a bound: applyMeasures
        && attributeFits("ram_gb", r.group(1), category)) {
      filter.clearAttribute("ram_gb").attribute("ram_gb", r.group(1));
    }
  }

  /**
   * How many people a party the shopper counts themself into holds ({@link #PARTY}): 1 for the shopper
   * plus each person named ("my wife" 1, "two kids" 2); 0 when the message names no such party, or names
   * a plural without a number ("me and my kids") or a word that is not a person ("me and my dog").
   */
  static int partySize(String text) {
    Matcher m = PARTY.matcher(text);
    while (m.find()) {
      if (m.group(2) != null) {
        return (int) englishNumber(m.group(2));
      }
      if (m.group(3) != null) {
        return 2;
      }
      boolean speaker = m.group().startsWith("me ") || m.group().startsWith("me,") || m.group().startsWith("myself")
          || m.group().matches(".*(?:,| and) (?:me|i|myself)$");
      int people = 1;
      boolean valid = true;
      for (String part : m.group(1).split(",? and |, ")) {
        String[] words = part.trim().replaceFirst("^(?:my|our) ", "").split(" ");
        if (words.length == 1 && List.of("i", "me", "myself").contains(words[0])) {
          speaker = true;
          continue;
        }
        String noun = words[words.length - 1];
        long count = words.length == 2 ? (Character.isDigit(words[0].charAt(0)) ? Long.parseLong(words[0])
            : englishNumber(words[0])) : 1;
        String singular = PERSON_PLURALS.getOrDefault(noun, noun);
        boolean plural = !singular.equals(noun);
        if (!PERSON_NOUNS.contains(singular) || words.length > 2 || plural && words.length == 1
            || !plural && count != 1 || count <= 0) {
          valid = false;
          break;
        }
        people += (int) count;
      }
      if (valid && speaker) {
        return people;
      }
    }
    return 0;
  }

  private void applyHeadcount(String count, Constraints filter, @Nullable String category) {
    for (String name : HEADCOUNT_ATTRIBUTES) {
      if (attributeFits(name, count, category)) {
        filter.clearAttribute(name).attribute(name, count);
        return;
      }
    }
  }

  private static boolean inRange(String range, double size) {
    String[] ends = range.split("-");
    if (ends.length != 2) {
      return false;
    }
    try {
      return Double.parseDouble(ends[0]) <= size && size <= Double.parseDouble(ends[1]);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void applyPrice(String text, Constraints filter, DialogueState state) {
    Matcher m = BETWEEN.matcher(text);
    if (!m.find()) {
      m = RANGE.matcher(text);
      if (!m.find()) {
        m = RANGE_BEFORE_CURRENCY.matcher(text);
        if (!m.find()) {
          m = CN_RANGE.matcher(text);
          if (!m.find()) {
            m = null;
          }
        }
      }
    }
    if (m != null) {
      BigDecimal a = number(m.group(1));
      BigDecimal b = number(m.group(2));
      if (a != null && b != null) {
        filter.minPrice(a.min(b));
        filter.maxPrice(a.max(b));
        return;
      }
    }
    BigDecimal max = firstNumber(text, MAX, MAX_AFTER);
    BigDecimal min = firstNumber(text, MIN, MIN_AFTER);
    if (max != null) {
      filter.maxPrice(max);
      if (min == null && state.filter().minPrice() != null && state.filter().minPrice().compareTo(max) > 0) {
        filter.minPrice(null);
      }
    }
    if (min != null) {
      filter.minPrice(min);
      if (max == null && state.filter().maxPrice() != null && state.filter().maxPrice().compareTo(min) < 0) {
        filter.maxPrice(null);
      }
    }
    List<BigDecimal> shown = state.lastShownIds().stream().map(catalog::get).flatMap(Optional::stream)
        .map(p -> p.price().amount()).toList();
    // "cheaper ones" moves below what was shown; "no cheaper than $100" is a bound, not a move
    if (max == null && min == null && CHEAPER.matcher(text).find() && !shown.isEmpty()) {
      BigDecimal cheapest = shown.stream().min(BigDecimal::compareTo).orElseThrow();
      filter.maxPrice(cheapest.subtract(new BigDecimal("0.01")).max(BigDecimal.ZERO));
      filter.minPrice(null);
    }
    if (min == null && max == null && PRICIER.matcher(text).find() && !shown.isEmpty()) {
      BigDecimal dearest = shown.stream().max(BigDecimal::compareTo).orElseThrow();
      filter.minPrice(dearest.add(new BigDecimal("0.01")));
      filter.maxPrice(null);
    }
  }

  private static @Nullable BigDecimal firstNumber(String text, Pattern before, Pattern after) {
    Matcher m = before.matcher(text);
    if (m.find()) {
      return number(m.group(1));
    }
    m = after.matcher(text);
    return m.find() ? number(m.group(1)) : null;
  }

  private static @Nullable BigDecimal number(String s) {
    String t = s.matches("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?") ? s.replace(",", "") : s.replace(',', '.');
    BigDecimal v = new BigDecimal(t);
    return v.compareTo(MAX_PRICE) > 0 ? null : v;
  }

  private static String stripPrices(String raw) {
    String t = normalise(raw);
    for (Pattern p : List.of(BETWEEN, RANGE, RANGE_BEFORE_CURRENCY, CN_RANGE, MAX, MAX_AFTER, MIN, MIN_AFTER, BAD_PRICE)) {
      t = p.matcher(t).replaceAll(" ");
    }
    return t.replaceAll("\\s+", " ").trim();
  }

  /** Products the message refers to: by position in the last list ("the second one") or by name. */
  private List<String> references(String text, DialogueState state) {
    List<String> out = new ArrayList<>();
    List<String> shown = state.lastShownIds();
    Matcher m = ORDINAL.matcher(text);
    while (m.find()) {
      int idx = switch (m.group(1)) {
        case "first", "1st" -> 0;
        case "second", "2nd" -> 1;
        case "third", "3rd" -> 2;
        case "fourth", "4th" -> 3;
        case "fifth", "5th" -> 4;
        case "last" -> shown.size() - 1;
        default -> {
          String d = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3)
              : m.group(4) != null ? m.group(4) : m.group(5);
          yield d == null ? -1 : Integer.parseInt(d) - 1;
        }
      };
      if (text.matches(".*\\bfirst (two|2|three|3)\\b.*")) {
        int n = text.matches(".*\\bfirst (two|2)\\b.*") ? 2 : 3;
        for (int i = 0; i < Math.min(n, shown.size()); i++) {
          if (!out.contains(shown.get(i))) {
            out.add(shown.get(i));
          }
        }
        continue;
      }
      if (idx >= 0 && idx < shown.size() && !out.contains(shown.get(idx))) {
        out.add(shown.get(idx));
      }
    }
    Matcher cn = CN_ORDINAL.matcher(text);
    while (cn.find()) {
      if (cn.group(3) != null) {
        int n = cn.group(3).equals("两") || cn.group(3).equals("2") ? 2 : 3;
        for (int i = 0; i < Math.min(n, shown.size()); i++) {
          if (!out.contains(shown.get(i))) {
            out.add(shown.get(i));
          }
        }
        continue;
      }
      String n = cn.group(1);
      int idx = cn.group(2) != null ? shown.size() - 1
          : Character.isDigit(n.charAt(0)) ? Integer.parseInt(n) - 1 : CN_DIGITS.indexOf(n);
      if (idx >= 0 && idx < shown.size() && !out.contains(shown.get(idx))) {
        out.add(shown.get(idx));
      }
    }
    for (String id : names.find(text, shown, catalog)) {
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    if (out.isEmpty() && !shown.isEmpty() && (PRONOUN.matcher(text).find() || CN_PRONOUN.matcher(text).find())) {
      out.add(shown.get(0));
    }
    return out;
  }

  private @Nullable String askedAttribute(String text, List<String> referenced) {
    if (referenced.isEmpty()) {
      return null;
    }
    Product p = catalog.get(referenced.get(0)).orElse(null);
    if (p == null) {
      return null;
    }
    if (text.matches(".*\\b(price|cost|how much is|how much does it cost)\\b.*|.*(多少钱|价格|价钱|几块钱|多少元|多少块).*")) {
      return "price";
    }
    if (text.matches(".*\\b(in stock|available|availability)\\b.*|.*(有货|有没有货|库存|现货).*")) {
      return "in stock";
    }
    // the product's own attributes first, by name or by everyday word
    List<String> candidates = new ArrayList<>(p.attributes().keySet());
    FEATURE_WORDS.keySet().forEach(k -> {
      if (!candidates.contains(k)) {
        candidates.add(k);
      }
    });
    ASK_WORDS.keySet().forEach(k -> {
      if (!candidates.contains(k)) {
        candidates.add(k);
      }
    });
    String withoutTitle = text.replace(p.title().toLowerCase(Locale.ROOT), " ");
    for (String name : candidates) {
      List<String> words = new ArrayList<>();
      words.add(name.replace('_', ' '));
      words.add(ReplyComposer.label(name)); // "weight" for weight_g
      words.addAll(FEATURE_WORDS.getOrDefault(name, List.of()));
      words.addAll(ASK_WORDS.getOrDefault(name, List.of()));
      for (String w : words) {
        if (containsPhrase(withoutTitle, w) && (p.attributes().containsKey(name)
            || candidates.indexOf(name) >= p.attributes().size() && noOwnAttributeMatches(p, withoutTitle))) {
          return name;
        }
      }
    }
    return null;
  }

  private static boolean noOwnAttributeMatches(Product p, String text) {
    for (String name : p.attributes().keySet()) {
      List<String> words = new ArrayList<>();
      words.add(name.replace('_', ' '));
      words.add(ReplyComposer.label(name)); // "weight" for weight_g
      words.addAll(FEATURE_WORDS.getOrDefault(name, List.of()));
      words.addAll(ASK_WORDS.getOrDefault(name, List.of()));
      for (String w : words) {
        if (containsPhrase(text, w)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * A mutable set of constraints: unlike {@link ProductFilter.Builder} it can also lift an exclusion
   * ("Nike after all" after "not Nike"), and a value asked for drops the opposite exclusion.
   */
  private static final class Constraints {
    private @Nullable BigDecimal min;
    private @Nullable BigDecimal max;
    private final Set<String> categories = new LinkedHashSet<>();
    private final Set<String> brands = new LinkedHashSet<>();
    private final Set<String> notBrands = new LinkedHashSet<>();
    private final Map<String, Set<String>> attrs = new LinkedHashMap<>();
    private final Map<String, Set<String>> notAttrs = new LinkedHashMap<>();
    private final Map<String, ProductFilter.Range> ranges = new LinkedHashMap<>();
    private final boolean inStockOnly;

    Constraints(ProductFilter f) {
      min = f.minPrice();
      max = f.maxPrice();
      categories.addAll(f.categories());
      brands.addAll(f.brands());
      notBrands.addAll(f.excludedBrands());
      f.attributes().forEach((k, v) -> attrs.put(k, new LinkedHashSet<>(v)));
      f.excludedAttributes().forEach((k, v) -> notAttrs.put(k, new LinkedHashSet<>(v)));
      ranges.putAll(f.attributeRanges());
      inStockOnly = f.inStockOnly();
    }

    Constraints clearCategories() {
      categories.clear();
      return this;
    }

    Constraints category(String c) {
      categories.add(c);
      return this;
    }

    void clearBrands() {
      brands.clear();
    }

    void brand(String b) {
      notBrands.removeIf(x -> x.equalsIgnoreCase(b));
      brands.add(b);
    }

    void excludeBrand(String b) {
      brands.removeIf(x -> x.equalsIgnoreCase(b));
      notBrands.add(b);
    }

    Constraints clearAttribute(String name) {
      attrs.remove(name);
      ranges.remove(name); // a value asked for now replaces a range asked for before
      return this;
    }

    Constraints attribute(String name, String value) {
      Set<String> not = notAttrs.get(name);
      if (not != null) {
        not.remove(value);
      }
      attrs.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(value);
      return this;
    }

    /**
     * A bound on a measure (side 1: at least, -1: at most; {@code exclusive} for "more than", "under"),
   * in place of the values asked for before;
     * a bound on the other side asked for before stays where the two leave a range ("at least 16gb",
     * then "under 2 kg" on another attribute, or "and at most 64gb" on the same one).
     */
    void bound(String name, int side, BigDecimal value, boolean exclusive) {
      attrs.remove(name);
      ProductFilter.Range before = ranges.get(name);
      BigDecimal min = side > 0 ? value : before == null ? null : before.min();
      BigDecimal max = side < 0 ? value : before == null ? null : before.max();
      boolean minExclusive = side > 0 ? exclusive : before != null && before.minExclusive();
      boolean maxExclusive = side < 0 ? exclusive : before != null && before.maxExclusive();
      ProductFilter.Range range = new ProductFilter.Range(min, max, minExclusive, maxExclusive);
      if (range.isEmpty()) { // the two cross: the new bound replaces the earlier one
        range = side > 0 ? new ProductFilter.Range(min, null, minExclusive, false)
            : new ProductFilter.Range(null, max, false, maxExclusive);
      }
      ranges.put(name, range);
    }

    boolean hasAttribute(String name) {
      return attrs.containsKey(name);
    }

    boolean hasExclusion(String name, String value) {
      return notAttrs.getOrDefault(name, Set.of()).contains(value);
    }

    void excludeAttribute(String name, String value) {
      Set<String> want = attrs.get(name);
      if (want != null) {
        want.remove(value);
        if (want.isEmpty()) {
          attrs.remove(name);
        }
      }
      notAttrs.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(value);
    }

    void minPrice(@Nullable BigDecimal v) {
      min = v;
    }

    void maxPrice(@Nullable BigDecimal v) {
      max = v;
    }

    ProductFilter build() {
      return new ProductFilter(min, max, categories, brands, notBrands, attrs, notAttrs, ranges, inStockOnly);
    }
  }

  /** Whether {@code s} holds Han characters only (no space, letter or digit of another script). */
  static boolean isHan(String s) {
    return !s.isEmpty() && s.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }

  /** Whole-phrase match that also accepts a singular/plural difference ("running shoe"). */
  static boolean containsPhrase(String text, String phrase) {
    return phrase(phrase).matcher(text).find();
  }

  private static final java.util.concurrent.ConcurrentMap<String, Pattern> PHRASES =
      new java.util.concurrent.ConcurrentHashMap<>();

  static Pattern phrase(String phrase) {
    return PHRASES.computeIfAbsent(phrase, RuleUnderstander::compilePhrase);
  }

  private static final Pattern APOSTROPHE_OR_HYPHEN = Pattern.compile("['-]");

  /**
   * A literal that may leave out its apostrophes and write a hyphen as a space or not at all, as
   * shoppers do ("chefs knife", "womens", "4 season", "in ear").
   */
  private static String quote(String literal) {
    StringBuilder out = new StringBuilder();
    Matcher m = APOSTROPHE_OR_HYPHEN.matcher(literal);
    int from = 0;
    while (m.find()) {
      out.append(from < m.start() ? Pattern.quote(literal.substring(from, m.start())) : "")
          .append(m.group().equals("'") ? "'?" : "[- ]?");
      from = m.end();
    }
    return out.append(from < literal.length() ? Pattern.quote(literal.substring(from)) : "").toString();
  }

  private static Pattern compilePhrase(String phrase) {
    String p = phrase.toLowerCase(Locale.ROOT).trim();
    if (!p.isEmpty() && Character.UnicodeScript.of(p.codePointAt(0)) == Character.UnicodeScript.HAN) {
      // One character ("女", "大") is a word only as a modifier: 女款, 女士, 大号, 女的
      return Pattern.compile(Pattern.quote(p) + (p.codePointCount(0, p.length()) == 1 ? "(?=[款式士装号码性的生子]|$)" : ""));
    }
    String stem = p.matches(".*(?:ch|sh|x|z|ss)") ? quote(p) + "(?:es)?" // watch, watches
        : p.endsWith("es") && p.length() > 4 ? quote(p.substring(0, p.length() - 2)) + "(?:es|e|s)?"
        : p.endsWith("s") && p.length() > 3 ? quote(p.substring(0, p.length() - 1)) + "s?"
        : p.endsWith("fe") && p.length() > 3 ? quote(p.substring(0, p.length() - 2)) + "(?:fe|ves|fes)" // knife, knives
        : p.endsWith("f") && p.length() > 3 ? quote(p.substring(0, p.length() - 1)) + "(?:f|ves|fs)" // shelf, shelves
        : quote(p) + "s?";
    // Latin letters and digits delimit words; a neighbouring Han character does not ("我想要running shoes")
    return Pattern.compile("(?<![\\p{IsLatin}\\p{N}])" + stem + "(?![\\p{IsLatin}\\p{N}])");
  }
}
