using System.Text.Json;
using System.Text.Json.Nodes;
using Course.Exercises;

namespace Course.Lib.Tests.Exercises;

public class CheckResultTests
{
    private static readonly CheckResult s_sample = new("01.2", "Raw app", CheckOutcome.NotAttempted, "Not attempted yet.",
    [
        new("GET / answers 200", CaseOutcome.NotAttempted, "Not implemented yet."),
        new("GET /x answers 404", CaseOutcome.Failed, "Expected 404, got 200."),
        new("HEAD / works", CaseOutcome.Passed, ""),
    ]);

    [Fact]
    public void ToJson_WritesCamelCaseNamesAndKebabCaseOutcomes()
    {
        var json = JsonNode.Parse(s_sample.ToJson())!;

        Assert.Equal("01.2", (string?)json["id"]);
        Assert.Equal("Raw app", (string?)json["title"]);
        Assert.Equal("not-attempted", (string?)json["outcome"]);
        Assert.Equal("Not attempted yet.", (string?)json["summary"]);
        Assert.Equal(["not-attempted", "failed", "passed"], json["cases"]!.AsArray().Select(c => (string?)c!["outcome"]));
        Assert.Equal("Expected 404, got 200.", (string?)json["cases"]![1]!["message"]);
    }

    [Theory]
    [InlineData(CheckOutcome.NotAttempted, "not-attempted")]
    [InlineData(CheckOutcome.Incorrect, "incorrect")]
    [InlineData(CheckOutcome.Correct, "correct")]
    public void ToJson_EachOutcome_HasItsKebabCaseName(CheckOutcome outcome, string expected)
    {
        var json = JsonNode.Parse((s_sample with { Outcome = outcome }).ToJson())!;

        Assert.Equal(expected, (string?)json["outcome"]);
    }

    [Fact]
    public void FromJson_WhatToJsonWrote_GivesTheSameResult()
    {
        var roundTripped = CheckResult.FromJson(s_sample.ToJson());

        Assert.Equal(s_sample with { Cases = [] }, roundTripped with { Cases = [] });
        Assert.Equal(s_sample.Cases, roundTripped.Cases);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"id":"01.2"}""")]
    [InlineData("null")]
    public void FromJson_JsonThatIsNotACheckResult_Throws(string json)
    {
        Assert.ThrowsAny<JsonException>(() => CheckResult.FromJson(json));
    }

    [Fact]
    public void ToString_ShowsTheSummaryThenOneLinePerCase()
    {
        Assert.Equal(
            """
            01.2 Raw app: Not attempted yet.
              … GET / answers 200 — Not implemented yet.
              ✘ GET /x answers 404 — Expected 404, got 200.
              ✔ HEAD / works
            """.ReplaceLineEndings("\n"),
            s_sample.ToString());
    }
}
