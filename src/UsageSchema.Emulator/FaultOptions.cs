using System.Globalization;

namespace UsageSchema.Emulator;

/// <summary>
/// Fault injection switches, read on every request, so tests may change them while the emulator
/// runs. Each rate is a probability from 0 (never, the default) to 1 (every request), drawn from one
/// <see cref="Random"/> seeded with <see cref="Seed"/>, so a run is repeatable for a given order of
/// requests. Faults apply only to the services in <see cref="Services"/>.
/// </summary>
/// <remarks>
/// On each request, in this order: <see cref="AddedDelay"/> is waited; a dropped connection, a
/// <c>429</c> and an error answer end the request before the service sees it; a malformed body is
/// written after the service has processed the request (so what it stored stays stored), in place
/// of a successful answer's body.
/// </remarks>
public sealed class FaultOptions
{
    private readonly Lock _lock = new();
    private Random _random;
    private int _seed;
    private double _errorRate;
    private double _tooManyRequestsRate;
    private double _dropConnectionRate;
    private double _malformedBodyRate;

    /// <summary>Creates switches that inject nothing, with seed 1.</summary>
    public FaultOptions()
    {
        _seed = 1;
        _random = new Random(_seed);
    }

    /// <summary>The seed of the random draws; setting it restarts the sequence. Default 1.</summary>
    public int Seed
    {
        get => _seed;
        set
        {
            lock (_lock)
            {
                _seed = value;
                _random = new Random(value);
            }
        }
    }

    /// <summary>The services faults apply to, e.g. <c>new HashSet&lt;UsageApi&gt; { UsageApi.Perseus }</c>. Default all of them.</summary>
    public IReadOnlySet<UsageApi> Services { get; set; } = new HashSet<UsageApi>(UsageApiNames.All);

    /// <summary>The share of requests answered with <see cref="ErrorStatusCode"/>.</summary>
    public double ErrorRate { get => _errorRate; set => _errorRate = CheckRate(value); }

    /// <summary>The status of injected errors. Default 500.</summary>
    public int ErrorStatusCode { get; set; } = 500;

    /// <summary>The share of requests answered <c>429 Too Many Requests</c> with a <c>Retry-After</c> of <see cref="RetryAfter"/>.</summary>
    public double TooManyRequestsRate { get => _tooManyRequestsRate; set => _tooManyRequestsRate = CheckRate(value); }

    /// <summary>The <c>Retry-After</c> of injected <c>429</c> answers, sent in whole seconds (rounded up). Default 1 s.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The share of requests whose connection is dropped (<see cref="Microsoft.AspNetCore.Http.HttpContext.Abort"/>) without an answer.</summary>
    public double DropConnectionRate { get => _dropConnectionRate; set => _dropConnectionRate = CheckRate(value); }

    /// <summary>The share of successful answers whose body is replaced by truncated, unparseable JSON (the request itself was processed).</summary>
    public double MalformedBodyRate { get => _malformedBodyRate; set => _malformedBodyRate = CheckRate(value); }

    /// <summary>A wait added before every request is handled. Default none.</summary>
    public TimeSpan AddedDelay { get; set; }

    /// <summary>Turns every fault off (the seed and <see cref="Services"/> are kept).</summary>
    public void Reset()
    {
        ErrorRate = 0;
        TooManyRequestsRate = 0;
        DropConnectionRate = 0;
        MalformedBodyRate = 0;
        AddedDelay = TimeSpan.Zero;
        ErrorStatusCode = 500;
        RetryAfter = TimeSpan.FromSeconds(1);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"FaultOptions {{ Services = [{string.Join(", ", Services.Order())}], ErrorRate = {ErrorRate}, ErrorStatusCode = {ErrorStatusCode}, TooManyRequestsRate = {TooManyRequestsRate}, RetryAfter = {RetryAfter}, " +
        $"DropConnectionRate = {DropConnectionRate}, MalformedBodyRate = {MalformedBodyRate}, AddedDelay = {AddedDelay}, Seed = {Seed} }}");

    /// <summary>Draws once: true with probability <paramref name="rate"/>. A rate of 0 draws nothing, so turning a fault on does not shift the others' sequence while it is off.</summary>
    internal bool Draw(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (_lock)
        {
#pragma warning disable CA5394 // Fault injection for tests needs a seeded, repeatable sequence, not a secure one.
            return _random.NextDouble() < rate;
#pragma warning restore CA5394
        }
    }

    private static double CheckRate(double value) =>
        double.IsFinite(value) && value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A fault rate is a probability between 0 and 1.");
}
