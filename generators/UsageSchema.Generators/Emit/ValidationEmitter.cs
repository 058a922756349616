using UsageSchema.Constraints;
using UsageSchema.Generators.Model;

namespace UsageSchema.Generators.Emit;

/// <summary>
/// Writes <c>IsValid()</c>, <c>Validate()</c>, <c>ThrowIfInvalid()</c> and <c>CollectViolations()</c>.
/// <c>IsValid()</c> is the allocation-free fast path; the collecting pass runs only for an invalid
/// object, so wire paths and messages are built only when there is something to report.
/// </summary>
internal static class ValidationEmitter
{
    private const string Checks = "global::UsageSchema.Validation.SpecChecks";
    private const string Rule = "global::UsageSchema.Validation.ValidationRule";
    private const string Violation = "global::UsageSchema.Validation.Violation";
    private const string ViolationList = "global::System.Collections.Generic.List<global::UsageSchema.Validation.Violation>";

    public static void Emit(CodeWriter writer, TypeToGenerate type)
    {
        var modifier = type.IsAbstract ? "abstract" : type.HasGeneratedBase ? "override" : "virtual";
        if (!type.HasGeneratedBase)
        {
            EmitThrowIfInvalid(writer);
        }

        writer.Line("/// <inheritdoc />");
        if (type.IsAbstract)
        {
            writer.Line("public abstract bool IsValid();").Line();
            writer.Line("/// <inheritdoc />").Line("public abstract global::UsageSchema.Validation.ValidationResult Validate();").Line();
            writer.Line("/// <summary>Adds every violation below <paramref name=\"path\"/> to <paramref name=\"violations\"/>.</summary>");
            writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
            writer.Line($"public abstract void CollectViolations({ViolationList} violations, string path);");
            return;
        }

        var callBase = type.HasGeneratedBase && !type.BaseIsAbstract;
        using (writer.Block($"public {modifier} bool IsValid()"))
        {
            if (callBase)
            {
                writer.Line("if (!base.IsValid()) return false;");
            }

            // Each date-time an x-rules entry compares is parsed once, by its format check, and the
            // rules compare the instants.
            var instants = InstantMembers(type);
            foreach (var name in instants)
            {
                writer.Line($"long __instant{name} = 0;");
                writer.Line($"var __has{name} = false;");
            }

            foreach (var member in type.Members)
            {
                FastCheck(writer, member, instants);
            }

            foreach (var rule in type.Rules)
            {
                writer.Line($"if (!({FastRuleHolds(rule, instants)})) return false;");
            }

            writer.Line("return true;");
        }

        writer.Line().Line("/// <inheritdoc />");
        using (writer.Block($"public {modifier} global::UsageSchema.Validation.ValidationResult Validate()"))
        {
            writer.Line("if (IsValid()) return global::UsageSchema.Validation.ValidationResult.Valid;");
            writer.Line($"var violations = new {ViolationList}();");
            writer.Line("CollectViolations(violations, string.Empty);");
            writer.Line("return global::UsageSchema.Validation.ValidationResult.From(violations);");
        }

        writer.Line().Line("/// <summary>Adds every violation below <paramref name=\"path\"/> to <paramref name=\"violations\"/>.</summary>");
        writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        using (writer.Block($"public {modifier} void CollectViolations({ViolationList} violations, string path)"))
        {
            if (callBase)
            {
                writer.Line("base.CollectViolations(violations, path);");
            }

            foreach (var member in type.Members)
            {
                Collect(writer, member);
            }

            foreach (var rule in type.Rules)
            {
                CollectRule(writer, rule);
            }
        }

        foreach (var member in type.Members.Where(member => member.Member.Kind == MemberKind.String && member.Spec.Constraints.Pattern is not null))
        {
            writer.Line();
            writer.Line($"private static readonly global::UsageSchema.Validation.SpecPattern {PatternField(member)} = {ConstraintCatalog.PatternInitializer(member.Spec.Constraints.Pattern!)};");
        }
    }

    private static void EmitThrowIfInvalid(CodeWriter writer)
    {
        writer.Line("/// <summary>Throws <see cref=\"global::UsageSchema.Validation.UsageValidationException\"/> listing every violation, if there is any.</summary>");
        using (writer.Block("public void ThrowIfInvalid()"))
        {
            writer.Line("var result = Validate();");
            writer.Line("if (!result.IsValid) throw new global::UsageSchema.Validation.UsageValidationException(GetType().Name, result);");
        }

        writer.Line();
    }

    private static void FastCheck(CodeWriter writer, MemberToValidate target, HashSet<string> instants)
    {
        var name = target.Member.Name;
        var parsesInstant = instants.Contains(name);
        var body = ValueConditions(target, "value")
            .Select(condition => parsesInstant && condition.Rule == "DateTime"
                ? $"if (!{Checks}.TryParseInstant(value, out __instant{name})) return false;"
                : $"if ({condition.Broken}) return false;")
            .ToList();
        if (parsesInstant)
        {
            body.Add($"__has{name} = true;");
        }

        if (target.Member.IsValidatable)
        {
            body.AddRange(target.Member.Kind == MemberKind.Collection
                ? ItemLoop(target.Member, "if (item is null || !item.IsValid()) return false;")
                : ["if (!value.IsValid()) return false;"]);
        }

        EmitMember(writer, target, body, missing: "if (value is null) return false;", empty: "if (value.Length == 0) return false;", elseBody: false);
    }

    private static void Collect(CodeWriter writer, MemberToValidate target)
    {
        var wire = Literals.String(target.Spec.WireName);
        var at = $"{Checks}.Member(path, {wire})";
        var body = ValueConditions(target, "value")
            .Select(condition => $"if ({condition.Broken}) violations.Add(new {Violation}({at}, {Rule}.{condition.Rule}, {condition.Message}));")
            .ToList();
        if (target.Member.IsValidatable)
        {
            body.AddRange(target.Member.Kind == MemberKind.Collection
                ? ItemLoop(
                    target.Member,
                    $"if (item is null) violations.Add(new {Violation}({Checks}.Item({at}, index), {Rule}.Required, \"{ConstraintCatalog.NullItem}\"));",
                    $"else item.CollectViolations(violations, {Checks}.Item({at}, index));")
                : [$"value.CollectViolations(violations, {at});"]);
        }

        EmitMember(
            writer,
            target,
            body,
            missing: $"if (value is null) violations.Add(new {Violation}({at}, {Rule}.Required, \"{ConstraintCatalog.Missing}\"));",
            empty: $"else if (value.Length == 0) violations.Add(new {Violation}({at}, {Rule}.Required, \"{ConstraintCatalog.Empty}\"));",
            elseBody: true);
    }

    /// <summary>
    /// Writes one member's checks: a required member that can be null is checked for presence
    /// (and a string for emptiness) first; any other member that can be null is checked only when present.
    /// </summary>
    private static void EmitMember(CodeWriter writer, MemberToValidate target, List<string> body, string missing, string empty, bool elseBody)
    {
        var member = target.Member;
        var canBeNull = member.IsNullable || member.Kind is MemberKind.String or MemberKind.Object or MemberKind.Collection or MemberKind.Other;
        var required = target.Spec.Constraints.Required && canBeNull;
        if (body.Count == 0 && !required)
        {
            return;
        }

        using (writer.Block(string.Empty))
        {
            writer.Line($"var value = this.{member.Name};");
            if (required)
            {
                writer.Line(missing);
                if (member.Kind == MemberKind.String)
                {
                    writer.Line(empty);
                }

                if (elseBody && body.Count > 0)
                {
                    using (writer.Block("else"))
                    {
                        Lines(writer, body);
                    }
                }
                else
                {
                    Lines(writer, body);
                }
            }
            else if (canBeNull)
            {
                using (writer.Block("if (value is not null)"))
                {
                    Lines(writer, body);
                }
            }
            else
            {
                Lines(writer, body);
            }
        }
    }

    private static void Lines(CodeWriter writer, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            writer.Line(line);
        }
    }

    private static void CollectRule(CodeWriter writer, RuleToEmit rule)
    {
        var message = $"{Lead(ConstraintCatalog.CrossFieldLead(rule.Operator, rule.Right.WireName, rule.Text), false)} + {Echo(rule.Left, "this." + rule.Left.Name)} + \"{ConstraintCatalog.CrossFieldAnd}\" + {Echo(rule.Right, "this." + rule.Right.Name)}";
        writer.Line($"if (!({RuleHolds(rule)})) violations.Add(new {Violation}({Checks}.Member(path, {Literals.String(rule.Left.WireName)}), {Rule}.CrossField, {message}));");
    }

    /// <summary>The string date-time members that a rule compares as instants: those IsValid() parses into locals.</summary>
    private static HashSet<string> InstantMembers(TypeToGenerate type)
    {
        var dateTimes = new HashSet<string>(
            type.Members.Where(member => member.Member.Kind == MemberKind.String && member.Spec.Constraints.IsDateTime).Select(member => member.Member.Name),
            System.StringComparer.Ordinal);
        var compared = type.Rules.Where(rule => rule.CompareAsInstants).SelectMany(rule => new[] { rule.Left.Name, rule.Right.Name });
        return new HashSet<string>(compared.Where(dateTimes.Contains), System.StringComparer.Ordinal);
    }

    /// <summary>
    /// A rule in IsValid(): on the parsed instants when both members were parsed above (a member
    /// that is not a date-time has returned false by then, so an unparsed one is absent, and the
    /// rule holds as <c>InstantsInOrder</c> says); as in Validate() otherwise.
    /// </summary>
    private static string FastRuleHolds(RuleToEmit rule, HashSet<string> instants)
    {
        if (!rule.CompareAsInstants || !instants.Contains(rule.Left.Name) || !instants.Contains(rule.Right.Name))
        {
            return RuleHolds(rule);
        }

        var (earlier, later) = rule.Operator.StartsWith("<", System.StringComparison.Ordinal) ? (rule.Left.Name, rule.Right.Name) : (rule.Right.Name, rule.Left.Name);
        var op = rule.Operator.EndsWith("=", System.StringComparison.Ordinal) ? "<=" : "<";
        return $"!(__has{earlier} && __has{later}) || __instant{earlier} {op} __instant{later}";
    }

    private static string RuleHolds(RuleToEmit rule)
    {
        var (earlier, later) = rule.Operator.StartsWith("<", System.StringComparison.Ordinal) ? (rule.Left, rule.Right) : (rule.Right, rule.Left);
        var allowEqual = rule.Operator.EndsWith("=", System.StringComparison.Ordinal) ? "true" : "false";
        if (rule.CompareAsInstants)
        {
            return $"{Checks}.InstantsInOrder(this.{earlier.Name}, this.{later.Name}, allowEqual: {allowEqual})";
        }

        var op = allowEqual == "true" ? "<=" : "<";
        return $"!(this.{earlier.Name} is {{ }} __earlier && this.{later.Name} is {{ }} __later) || __earlier {op} __later";
    }

    /// <summary>
    /// The spec's checks on a present value, each as a "broken" condition, a rule and a message,
    /// taken from <see cref="ConstraintCatalog"/>: the analyzers word their diagnostics from the same checks.
    /// </summary>
    private static IEnumerable<(string Broken, string Rule, string Message)> ValueConditions(MemberToValidate target, string value)
    {
        var constraints = target.Spec.Constraints;
        var member = target.Member;
        switch (member.Kind)
        {
            case MemberKind.String:
                foreach (var check in ConstraintCatalog.StringChecks(constraints, PatternField(target)))
                {
                    var shown = check.Shown == Shown.Length ? $"{Checks}.Echo({value}.Length)" : $"{Checks}.Echo({value}, {Bool(constraints.Secret)})";
                    yield return (check.BrokenCode(value), check.Rule, $"{Lead(check.Lead, check.QuotesSpecText)} + {shown}");
                }

                break;
            case MemberKind.Integer or MemberKind.Number:
                var number = member.IsNullable ? $"{value}.Value" : value;
                foreach (var check in ConstraintCatalog.NumberChecks(constraints, member.Kind == MemberKind.Integer, member.TypeName is "double" or "float"))
                {
                    yield return (check.BrokenCode(number), check.Rule, $"{Lead(check.Lead, check.QuotesSpecText)} + {Checks}.Echo({number})");
                }

                break;
            case MemberKind.Enum when member.EnumMembers.Count > 0:
                var enumValue = member.IsNullable ? $"{value}.Value" : value;
                var enumCheck = ConstraintCatalog.EnumCheck(constraints, member.TypeName, member.EnumMembers.ToList(), static _ => true);
                yield return (enumCheck.BrokenCode(enumValue), enumCheck.Rule, $"{Lead(enumCheck.Lead, enumCheck.QuotesSpecText)} + {Checks}.Echo((long){enumValue})");
                break;
            case MemberKind.Collection:
                foreach (var check in ConstraintCatalog.CountChecks(constraints))
                {
                    yield return (check.BrokenCode(value), check.Rule, $"{Lead(check.Lead, check.QuotesSpecText)} + {Checks}.Echo({value}.Count)");
                }

                break;
        }
    }

    /// <summary>A message's fixed part as a literal: verbatim when it quotes the spec (a pattern's backslashes).</summary>
    private static string Lead(string text, bool quotesSpecText) =>
        quotesSpecText || text.IndexOfAny(['"', '\\']) >= 0 ? Literals.String(text) : "\"" + text + "\"";

    private static string[] ItemLoop(ClassMember member, params string[] itemLines)
    {
        // An IList is walked by index: a foreach over the interface would allocate an enumerator.
        var lines = new List<string>();
        if (member.TypeName.Contains("List<"))
        {
            lines.Add("for (var index = 0; index < value.Count; index++)");
            lines.Add("{");
            lines.Add("    var item = value[index];");
        }
        else
        {
            lines.Add("var index = -1;");
            lines.Add("foreach (var item in value)");
            lines.Add("{");
            lines.Add("    index++;");
        }

        lines.AddRange(itemLines.Select(line => "    " + line));
        lines.Add("}");
        return lines.ToArray();
    }

    private static string Echo(ClassMember member, string expression) => member.Kind == MemberKind.String
        ? $"{Checks}.Echo({expression}, false)"
        : $"global::System.Convert.ToString((object?)({expression}), global::System.Globalization.CultureInfo.InvariantCulture)";

    private static string PatternField(MemberToValidate member) => "__Pattern" + member.Member.Name;

    private static string Bool(bool value) => value ? "true" : "false";
}
