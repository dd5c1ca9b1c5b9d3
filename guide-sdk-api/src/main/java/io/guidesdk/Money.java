package io.guidesdk;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in one currency. Amounts are exact decimals, never floating point.
 *
 * @param amount a non-negative amount
 * @param currency the ISO 4217 currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {
  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("amount must not be negative: " + amount.toPlainString());
    }
  }

  /** {@code Money.of("89.99", "USD")}. */
  public static Money of(String amount, String currencyCode) {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currencyCode, "currencyCode");
    BigDecimal value;
    try {
      value = new BigDecimal(amount);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("amount is not a decimal number: " + Checks.quote(amount), e);
    }
    return new Money(value, currency(currencyCode));
  }

  /** {@code Money.of(89.99, "USD")}; the double is converted through its decimal string form. */
  public static Money of(double amount, String currencyCode) {
    if (!Double.isFinite(amount)) {
      throw new IllegalArgumentException("amount must be finite: " + amount);
    }
    return new Money(BigDecimal.valueOf(amount), currency(currencyCode));
  }

  private static Currency currency(String code) {
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an ISO 4217 currency code: " + Checks.quote(code), e);
    }
  }

  /** Compares amounts; both must be in the same currency. */
  @Override
  public int compareTo(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("cannot compare " + currency + " with " + other.currency);
    }
    return amount.compareTo(other.amount);
  }

  /** The amount with the currency's usual digits and symbol, e.g. {@code $89.99} or {@code EUR 12.00}. */
  public String format() {
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    String number = amount.setScale(digits, java.math.RoundingMode.HALF_EVEN).toPlainString();
    return switch (currency.getCurrencyCode()) {
      case "USD" -> "$" + number;
      case "EUR" -> "€" + number;
      case "GBP" -> "£" + number;
      case "CNY" -> "¥" + number;
      default -> currency.getCurrencyCode() + " " + number;
    };
  }

  @Override
  public String toString() {
    return format();
  }
}
