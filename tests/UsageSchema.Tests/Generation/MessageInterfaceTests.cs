using System.Collections;
using UsageSchema.Amie;

namespace UsageSchema.Tests.Generation;

/// <summary>
/// Every AMIE message (<c>x-usage-message: amie</c>) reads its records as <see cref="IAmieUsageRecord"/>
/// through <see cref="IAmieUsageMessage"/>, which is what lets <c>SendAsync(UsageMessage)</c> take any
/// of them without a switch on the message types.
/// </summary>
public class MessageInterfaceTests
{
    public static TheoryData<string> Messages => [.. MessageTypes().Select(type => type.Name)];

    [Fact]
    public void Every_concrete_message_of_the_spec_is_covered()
    {
        Assert.Equal(["AdjustmentUsageMessage", "ComputeUsageMessage", "StorageUsageMessage"], MessageTypes().Select(type => type.Name));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_message_gives_its_records_in_order_as_the_record_interface(string name)
    {
        var type = MessageTypes().Single(candidate => candidate.Name == name);
        var message = (UsageMessage)Activator.CreateInstance(type)!;
        var list = (IList)type.GetProperty("Records")!.GetValue(message)!;
        var recordType = type.GetProperty("Records")!.PropertyType.GetGenericArguments()[0];
        var first = Activator.CreateInstance(recordType)!;
        var second = Activator.CreateInstance(recordType)!;
        list.Add(first);
        list.Add(second);

        IAmieUsageMessage typed = message;

        Assert.Equal([first, second], typed.Records.Cast<object>());
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_message_without_a_record_list_gives_no_records(string name)
    {
        var type = MessageTypes().Single(candidate => candidate.Name == name);
        var message = (UsageMessage)Activator.CreateInstance(type)!;
        type.GetProperty("Records")!.SetValue(message, null);

        Assert.Empty(((IAmieUsageMessage)message).Records);
    }

    private static IEnumerable<Type> MessageTypes() => typeof(UsageMessage).Assembly.GetExportedTypes()
        .Where(type => type.IsSubclassOf(typeof(UsageMessage)) && !type.IsAbstract)
        .OrderBy(type => type.Name, StringComparer.Ordinal);
}
