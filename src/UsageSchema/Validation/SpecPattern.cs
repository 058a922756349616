using System.ComponentModel;
using System.Text.RegularExpressions;

namespace UsageSchema.Validation;

/// <summary>
/// A spec <c>pattern</c> as the generated <c>IsValid()</c> checks it on every record: a linear-time
/// matcher of its own for the simple patterns the specs use (anchored sequences of ASCII characters
/// and classes, groups, and the quantifiers <c>? * + {n} {n,} {n,m}</c>), and a compiled
/// <see cref="Regex"/> for anything else. Either answers exactly as <see cref="Regex.IsMatch(string)"/>
/// does with the pattern (a differential test holds them to it).
/// </summary>
/// <remarks>
/// <para>The matcher never backtracks, so it takes only patterns where backtracking could not change
/// the answer: wherever a quantifier lets the match either repeat or go on, the characters that can
/// start a repetition and those that can follow it are disjoint, so the next character decides.
/// A pattern outside that subset (alternation, <c>.</c>, <c>\d</c>, which in .NET is any Unicode digit,
/// non-ASCII members of a class, ambiguous repetitions) gets the <see cref="Regex"/>.</para>
/// <para>Public only because generated code calls it; not meant to be called by hand.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SpecPattern
{
    private readonly Node[]? _program;
    private readonly Regex? _regex;

    private SpecPattern(Node[]? program, Regex? regex)
    {
        _program = program;
        _regex = regex;
    }

    /// <summary>True when the pattern is checked by the matcher, not by a <see cref="Regex"/>.</summary>
    public bool IsHandRolled => _program is not null;

    /// <summary>The check of <paramref name="pattern"/> (.NET syntax, as the generator writes it, <c>\z</c> for a final <c>$</c>).</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="timeout">How long the <see cref="Regex"/> fallback may take on one value.</param>
    public static SpecPattern Create(string pattern, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var program = Parser.TryParse(pattern);
        return program is not null
            ? new SpecPattern(program, null)
            : new SpecPattern(null, new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, timeout));
    }

    /// <summary>True when <paramref name="value"/> matches.</summary>
    public bool IsMatch(string value)
    {
        if (_program is null)
        {
            return _regex!.IsMatch(value);
        }

        var position = 0;
        return Sequence(_program, value, ref position) && position == value.Length;
    }

    private static bool Sequence(Node[] nodes, string value, ref int position)
    {
        foreach (var node in nodes)
        {
            var count = 0;
            for (; count < node.Min; count++)
            {
                if (!Once(node, value, ref position))
                {
                    return false;
                }
            }

            // Optional repetitions: the next character decides (see the remarks), none is given back.
            for (; count < node.Max && position < value.Length && node.First.Contains(value[position]); count++)
            {
                if (!Once(node, value, ref position))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Once(Node node, string value, ref int position)
    {
        if (node.Group is { } group)
        {
            return Sequence(group, value, ref position);
        }

        if (position < value.Length && node.First.Contains(value[position]))
        {
            position++;
            return true;
        }

        return false;
    }

    /// <summary>A set of characters: ASCII as a bitmap, everything else all in or all out.</summary>
    private readonly record struct CharSet(ulong Low, ulong High, bool NonAscii)
    {
        public static CharSet Empty => default;

        public static CharSet Of(char c) => c < 64 ? new(1UL << c, 0, false) : new(0, 1UL << (c - 64), false);

        public static CharSet Range(char from, char to)
        {
            var set = Empty;
            for (var c = from; c <= to; c++)
            {
                set = set.Union(Of(c));
            }

            return set;
        }

        public bool IsEmpty => Low == 0 && High == 0 && !NonAscii;

        public bool Contains(char c) => c < 64 ? ((Low >> c) & 1) != 0 : c < 128 ? ((High >> (c - 64)) & 1) != 0 : NonAscii;

        public CharSet Union(CharSet other) => new(Low | other.Low, High | other.High, NonAscii || other.NonAscii);

        public CharSet Complement() => new(~Low, ~High, !NonAscii);

        public bool Overlaps(CharSet other) => (Low & other.Low) != 0 || (High & other.High) != 0 || (NonAscii && other.NonAscii);
    }

    /// <summary>One term: a character class, or a group of terms, repeated from Min to Max times.</summary>
    private sealed record Node(CharSet First, Node[]? Group, int Min, int Max)
    {
        /// <summary>Whether the term can match nothing.</summary>
        public bool Nullable => Min == 0;
    }

    /// <summary>Reads the subset the matcher takes; null for anything else.</summary>
    private ref struct Parser
    {
        private const string Special = @".^$|()[]{}*+?\";
        private readonly string _text;
        private int _position;

        private Parser(string text) => _text = text;

        public static Node[]? TryParse(string pattern)
        {
            if (!pattern.StartsWith('^') || !pattern.EndsWith(@"\z", StringComparison.Ordinal))
            {
                return null;
            }

            var parser = new Parser(pattern[1..^2]);
            var program = parser.Sequence();
            return program is not null && parser._position == parser._text.Length && Deterministic(program, CharSet.Empty) ? program : null;
        }

        // Every repetition that may stop or go on must be decided by the next character: what can
        // start it is disjoint from what can come after it (within the sequence, then after it).
        private static bool Deterministic(Node[] nodes, CharSet after)
        {
            for (var i = nodes.Length - 1; i >= 0; i--)
            {
                var node = nodes[i];
                if (node.Group is { } group)
                {
                    // A repeated group's last term may be followed by the group's start again.
                    var inside = node.Max > 1 ? after.Union(node.First) : after;
                    if (!Deterministic(group, inside) || CanBeEmpty(group))
                    {
                        return false;
                    }
                }

                if (node.Min != node.Max && node.First.Overlaps(after))
                {
                    return false;
                }

                after = node.Nullable ? after.Union(node.First) : node.First;
            }

            return true;
        }

        private static bool CanBeEmpty(Node[] nodes) => nodes.All(node => node.Nullable || (node.Group is { } group && CanBeEmpty(group)));

        private static CharSet FirstOf(Node[] nodes)
        {
            var first = CharSet.Empty;
            foreach (var node in nodes)
            {
                first = first.Union(node.First);
                if (!node.Nullable)
                {
                    break;
                }
            }

            return first;
        }

        private Node[]? Sequence()
        {
            var nodes = new List<Node>();
            while (_position < _text.Length && _text[_position] != ')')
            {
                CharSet first;
                Node[]? group = null;
                var c = _text[_position];
                if (c == '(')
                {
                    _position++;
                    if (_text.AsSpan(_position).StartsWith("?:"))
                    {
                        _position += 2;
                    }
                    else if (_position < _text.Length && _text[_position] == '?')
                    {
                        return null;
                    }

                    group = Sequence();
                    if (group is null || group.Length == 0 || _position >= _text.Length || _text[_position] != ')')
                    {
                        return null;
                    }

                    _position++;
                    first = FirstOf(group);
                }
                else if (c == '[')
                {
                    if (Class() is not { } set)
                    {
                        return null;
                    }

                    first = set;
                }
                else if (Literal() is { } literal)
                {
                    first = CharSet.Of(literal);
                }
                else
                {
                    return null;
                }

                if (!Quantifier(out var min, out var max) || first.IsEmpty)
                {
                    return null;
                }

                nodes.Add(new Node(first, group, min, max));
            }

            return [.. nodes];
        }

        // An ASCII character as itself, or a punctuation character escaped.
        private char? Literal()
        {
            var c = _text[_position];
            if (c == '\\')
            {
                return EscapedPunctuation();
            }

            if (c >= 128 || char.IsControl(c) || Special.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }

            _position++;
            return c;
        }

        // A backslash and the punctuation character it escapes; null for any other escape (\d, a back reference): the pattern is then left to the compiled Regex.
        private char? EscapedPunctuation()
        {
            if (_position + 1 >= _text.Length || !IsEscapablePunctuation(_text[_position + 1]))
            {
                return null;
            }

            _position += 2;
            return _text[_position - 1];
        }

        private CharSet? Class()
        {
            _position++;
            var negated = _position < _text.Length && _text[_position] == '^';
            if (negated)
            {
                _position++;
            }

            var set = CharSet.Empty;
            var firstMember = true;
            while (_position < _text.Length && (_text[_position] != ']' || firstMember))
            {
                firstMember = false;
                if (ClassMember() is not { } from)
                {
                    return null;
                }

                if (_position + 1 < _text.Length && _text[_position] == '-' && _text[_position + 1] != ']')
                {
                    _position++;
                    if (ClassMember() is not { } to || to < from)
                    {
                        return null;
                    }

                    set = set.Union(CharSet.Range(from, to));
                }
                else
                {
                    set = set.Union(CharSet.Of(from));
                }
            }

            if (_position >= _text.Length)
            {
                return null;
            }

            _position++;
            return negated ? set.Complement() : set;
        }

        // A member of a class: an ASCII character other than '[' (which could start a subtraction or a
        // POSIX-like class), or an escaped punctuation character.
        private char? ClassMember()
        {
            var c = _text[_position];
            if (c == '\\')
            {
                return EscapedPunctuation();
            }

            if (c >= 128 || char.IsControl(c) || c == '[')
            {
                return null;
            }

            _position++;
            return c;
        }

        private bool Quantifier(out int min, out int max)
        {
            (min, max) = (1, 1);
            if (_position >= _text.Length)
            {
                return true;
            }

            switch (_text[_position])
            {
                case '?':
                    (min, max) = (0, 1);
                    _position++;
                    break;
                case '*':
                    (min, max) = (0, int.MaxValue);
                    _position++;
                    break;
                case '+':
                    (min, max) = (1, int.MaxValue);
                    _position++;
                    break;
                case '{':
                    if (!Counts(out min, out max))
                    {
                        return false;
                    }

                    break;
                default:
                    return true;
            }

            // A lazy or possessive quantifier, or a second one: not in the subset.
            return _position >= _text.Length || _text[_position] is not ('?' or '+' or '*' or '{');
        }

        private bool Counts(out int min, out int max)
        {
            (min, max) = (0, 0);
            var close = _text.IndexOf('}', _position);
            if (close < 0)
            {
                return false;
            }

            var inner = _text.AsSpan(_position + 1, close - _position - 1);
            _position = close + 1;
            var comma = inner.IndexOf(',');
            if (comma < 0)
            {
                if (!TryCount(inner, out min))
                {
                    return false;
                }

                max = min;
            }
            else if (!TryCount(inner[..comma], out min))
            {
                return false;
            }
            else if (comma == inner.Length - 1)
            {
                max = int.MaxValue;
            }
            else if (!TryCount(inner[(comma + 1)..], out max))
            {
                return false;
            }

            // {0} and {n,m} with m < n: left to the Regex.
            return max >= min && max > 0;
        }

        private static bool TryCount(ReadOnlySpan<char> text, out int value)
        {
            value = 0;
            if (text.IsEmpty || text.Length > 4)
            {
                return false;
            }

            foreach (var c in text)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            return true;
        }

        // What .NET reads as the character itself after a backslash; '_' is a word character, which it rejects.
        private static bool IsEscapablePunctuation(char c) =>
            (c < 128 && char.IsPunctuation(c) && c != '_') || c is '$' or '^' or '+' or '|' or '<' or '>' or '=' or '`' or '~';
    }
}
