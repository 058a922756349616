using UsageSchema.Tests.Wire;

namespace UsageSchema.Tests.Fuzzing;

/// <summary>Real answers of the three services (the fixtures and the shapes the clients' tests use), which the fuzzers mutate.</summary>
internal static class ReplyCorpus
{
    public static string[] UsageResponses { get; } =
    [
        Fixture.Read("amie/usage-response.reference.json"),
        """{"Message": "2 records queued", "FailedRecords": [{"FailedRecordID": 7, "UsageType": "Compute", "Error": "Unknown user", "LocalRecordID": 42, "Charge": 2.5, "ParentRecordID": [null]}], "ValidationFailedRecords": [{"Error": "bad", "LocalRecordID": "x"}]}""",
    ];

    public static string[] StatusResponses { get; } = [Fixture.Read("amie/status.reference.json")];

    public static string[] FailedRecords { get; } = [Fixture.Read("amie/failed-records.storage.json")];

    public static string[] GatewayJobs { get; } =
    [
        """{"message":"ok","result":[{"resource_name":"expanse.sdsc.xsede.org","local_jobid":4937919,"local_charge":"1.5","nodecount":2,"queue":"compute"}]}""",
    ];

    public static string[] GatewayReplies { get; } =
    [
        Fixture.Read("gateway/reply-staged.txt"),
        Fixture.Read("gateway/reply-debug.txt"),
        Fixture.Read("gateway/reply-unknown-resource.txt"),
    ];

    public static string[] ErrorBodies { get; } =
    [
        """{"error": "Invalid XA-SITE header"}""",
        """{"detail": [{"loc": ["body", "value"], "msg": "ensure this value is greater than or equal to 0", "type": "value_error"}]}""",
        """{"errors": {"project_oid": ["unknown project"], "value": ["must be >= 0"]}}""",
        """{"message": {"text": "nested"}}""",
        "Bad Request: gatewayuser is required",
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
    ];
}
