using System.Globalization;

namespace UsageSchema.Serialization;

/// <summary>
/// Turns any spelling of a decimal number into the one plain form the AMIE spec sends for
/// <c>format: decimal</c> members (<c>Charge</c>): <c>1e-05</c> → <c>0.00001</c>,
/// <c>+2.5</c> → <c>2.5</c>, <c>2.5E+3</c> → <c>2500</c>. A plain value keeps its exact text
/// (<c>"2.500000"</c> stays so), and the shift of the decimal point is done on the digits, so no
/// precision is lost to a binary or a 28-digit decimal type.
/// </summary>
public static class DecimalText
{
    // Far beyond any charge; bounds the text a hostile exponent could make us write.
    private const int MaxExponent = 400;

    /// <summary>The plain decimal text of <paramref name="text"/>, or null when it is not a decimal number.</summary>
    /// <param name="text">A number as read from the wire or set by the caller.</param>
    public static string? ToPlain(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var span = text.AsSpan();
        var negative = span[0] == '-';
        var position = span[0] is '-' or '+' ? 1 : 0;
        var integerStart = position;
        while (position < span.Length && char.IsAsciiDigit(span[position]))
        {
            position++;
        }

        var integerDigits = span[integerStart..position];
        var fractionDigits = ReadOnlySpan<char>.Empty;
        if (position < span.Length && span[position] == '.')
        {
            var fractionStart = ++position;
            while (position < span.Length && char.IsAsciiDigit(span[position]))
            {
                position++;
            }

            fractionDigits = span[fractionStart..position];
        }

        if (integerDigits.IsEmpty && fractionDigits.IsEmpty)
        {
            return null;
        }

        var exponent = 0;
        var hasExponent = position < span.Length && span[position] is 'e' or 'E';
        if (hasExponent)
        {
            if (!int.TryParse(span[(position + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
                || exponent is > MaxExponent or < -MaxExponent)
            {
                return null;
            }

            position = span.Length;
        }

        if (position != span.Length)
        {
            return null;
        }

        // Already plain ("2.500000", "-1", "0"): the text as it is.
        if (span[0] != '+' && !hasExponent && !integerDigits.IsEmpty && (fractionDigits.Length > 0 || !span.EndsWith(".")))
        {
            return text;
        }

        var digits = string.Concat(integerDigits, fractionDigits);
        var point = integerDigits.Length + exponent;
        string integerPart, fractionPart;
        if (point <= 0)
        {
            integerPart = "0";
            fractionPart = new string('0', -point) + digits;
        }
        else if (point >= digits.Length)
        {
            integerPart = digits + new string('0', point - digits.Length);
            fractionPart = string.Empty;
        }
        else
        {
            integerPart = digits[..point];
            fractionPart = digits[point..];
        }

        integerPart = integerPart.TrimStart('0');
        if (integerPart.Length == 0)
        {
            integerPart = "0";
        }

        // An exponent shifts the point: the zeros it moved past the end are not significant.
        if (hasExponent)
        {
            fractionPart = fractionPart.TrimEnd('0');
        }

        var plain = fractionPart.Length == 0 ? integerPart : integerPart + "." + fractionPart;
        return negative ? "-" + plain : plain;
    }
}
