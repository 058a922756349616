namespace UsageSchema.Emulator;

/// <summary>The services the emulator serves; used to aim fault injection at some of them.</summary>
[Flags]
public enum EmulatedServices
{
    /// <summary>No service.</summary>
    None = 0,

    /// <summary>The AMIE Usage API, under <c>/amie/api/v1/</c>.</summary>
    Amie = 1,

    /// <summary>The ACCESS Gateway Attributes API, under <c>/acdb/</c>.</summary>
    Gateway = 2,

    /// <summary>PERSEUS UsageReporting, under <c>/perseus/api/</c>.</summary>
    Perseus = 4,

    /// <summary>All three services.</summary>
    All = Amie | Gateway | Perseus,
}
