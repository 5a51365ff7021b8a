using System.Collections.Concurrent;
using System.Security.Cryptography;
using Course.Exercises;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Lib.Tests.Exercises;

public class RoutingAndParametersExercisesTests
{
    // 04.1 — a secure session cookie

    [Fact]
    public void Sessions_UntouchedStarter_IsNotAttempted()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void Sessions_Reference_IsCorrect()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app));

        Assert.True(result.Passed, result.ToString());
    }

    [Theory]
    [InlineData("hex-lower")]
    [InlineData("base64")]
    [InlineData("base64url")]
    [InlineData("32-bytes")]
    public void Sessions_128RandomBitsInAnyCommonEncoding_AreCorrect(string encoding)
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: encoding switch
        {
            "hex-lower" => () => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            "base64" => () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)),
            "base64url" => () => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16)),
            _ => () => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
        }));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Sessions_CookieWithoutOptions_FailsTheFlagsCase()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, options: null));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("should be HttpOnly", result.Cases[1].Message);
        Assert.Contains("has no lifetime", result.Cases[2].Message);
    }

    [Fact]
    public void Sessions_SameSiteNoneWithoutSecure_SaysBrowsersRejectIt()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
            MapSessions(app, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.None, Path = "/", MaxAge = TimeSpan.FromHours(1) }));

        Assert.Contains("SameSite=None without Secure", result.Cases[1].Message);
    }

    [Fact]
    public void Sessions_SameSiteNoneWithSecure_FailsTheFlagsCase()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
            MapSessions(app, Safe(o => o.SameSite = SameSiteMode.None)));

        Assert.Contains("SameSite=Strict or Lax", result.Cases[1].Message);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(30 * 24 * 3600)]
    public void Sessions_LifetimeTooShortOrTooLong_FailsTheLifetimeCase(int seconds)
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, Safe(o => o.MaxAge = TimeSpan.FromSeconds(seconds))));

        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Contains("a session should last more than a minute and at most a day", result.Cases[2].Message);
    }

    [Fact]
    public void Sessions_ExpiresInsteadOfMaxAge_IsCorrect()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, Safe(o => { o.MaxAge = null; o.Expires = DateTimeOffset.UtcNow.AddHours(8); })));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Sessions_FixedSessionId_FailsTheUnguessableCase()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: () => "abc123"));

        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Contains("got the same id", result.Cases[3].Message);
    }

    [Fact]
    public void Sessions_CounterSessionId_FailsTheUnguessableCase()
    {
        var counter = 0;
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
            MapSessions(app, newId: () => $"session-{Interlocked.Increment(ref counter):D8}"));

        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("can be guessed", result.Cases[3].Message);
    }

    [Theory]
    [InlineData(8, "about 64 bits")]
    [InlineData(15, "about 120 bits")]
    public void Sessions_TooFewRandomBytes_FailsTheUnguessableCase(int bytes, string expected)
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: () => Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes))));

        Assert.Contains(expected, result.Cases[3].Message);
        // 64 bits and more cannot be found by trying: the message says they fall short of what the exercise asks.
        Assert.Contains("falls short of the 128 bits this exercise asks for", result.Cases[3].Message);
        Assert.DoesNotContain("by trying", result.Cases[3].Message);
        Assert.DoesNotContain("can be guessed", result.Cases[3].Message);
    }

    [Fact]
    public void Sessions_FortyEightRandomBits_CanBeFoundByTrying()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: () => Convert.ToHexString(RandomNumberGenerator.GetBytes(6))));

        Assert.Contains("about 48 bits", result.Cases[3].Message);
        Assert.Contains("can be found by trying", result.Cases[3].Message);
    }

    [Fact]
    public void Sessions_64RandomBitsPaddedToLookLong_FailsTheUnguessableCase()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
            MapSessions(app, newId: () => "00000000000000000000" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8))));

        Assert.Contains("about 64 bits", result.Cases[3].Message);
    }

    [Theory]
    [InlineData("N")]
    [InlineData("D")]
    public void Sessions_GuidIds_FailWith122Bits(string format)
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: () => Guid.NewGuid().ToString(format)));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("122 of its 128 bits", result.Cases[3].Message);
    }

    [Fact]
    public void Sessions_Version7Guids_SayTheClockIsInThem()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: () => Guid.CreateVersion7().ToString("N")));

        Assert.Contains("version-7 GUIDs", result.Cases[3].Message);
    }

    [Fact]
    public void Sessions_TwoGuidsConcatenated_AreCorrect()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: () => Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Sessions_HashOfACounter_FailsTheUnguessableCase()
    {
        var counter = 0;
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
            MapSessions(app, newId: () => Convert.ToHexString(SHA256.HashData(BitConverter.GetBytes(Interlocked.Increment(ref counter))))));

        Assert.Contains("hash of the 4-byte integer", result.Cases[3].Message);
    }

    [Fact]
    public void Sessions_HashOfAGuid_SaysTheHashHoldsOnly122Bits()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
            MapSessions(app, newId: () => Convert.ToHexString(SHA256.HashData(Guid.NewGuid().ToByteArray()))));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("a hash of a GUID", result.Cases[3].Message);
    }

    [Fact]
    public void Sessions_HashOfASmallRandomNumber_SaysTheHashHoldsOnlyItsInput()
    {
        var int32 = RoutingAndParametersExercises.Sessions.Check(app =>
            MapSessions(app, newId: () => Convert.ToHexString(SHA256.HashData(BitConverter.GetBytes(RandomNumberGenerator.GetInt32(int.MaxValue))))));
        var eightBytes = RoutingAndParametersExercises.Sessions.Check(app =>
            MapSessions(app, newId: () => Convert.ToHexString(SHA256.HashData(RandomNumberGenerator.GetBytes(8)))));
        var enough = RoutingAndParametersExercises.Sessions.Check(app =>
            MapSessions(app, newId: () => Convert.ToHexString(SHA256.HashData(RandomNumberGenerator.GetBytes(32)))));

        Assert.Contains("a hash of a small random number", int32.Cases[3].Message);
        Assert.Contains("a hash of a small random number", eightBytes.Cases[3].Message);
        Assert.True(enough.Passed, enough.ToString());
    }

    [Fact]
    public void Sessions_SmallBufferFilledByTheGenerator_NamesTheBuffer_HashedOrEncoded()
    {
        var hashed = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: () =>
        {
            var bytes = new byte[4];
            RandomNumberGenerator.Fill(bytes);
            return Convert.ToHexString(SHA256.HashData(bytes));
        }));
        var stackHashed = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: () =>
        {
            Span<byte> bytes = stackalloc byte[6];
            RandomNumberGenerator.Fill(bytes);
            return Convert.ToHexString(SHA512.HashData(bytes));
        }));
        var encoded = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: () =>
        {
            var bytes = new byte[8];
            using var generator = RandomNumberGenerator.Create();
            generator.GetBytes(bytes);
            return Convert.ToBase64String(bytes);
        }));

        Assert.Contains("4 random bytes (new byte[4])", hashed.Cases[3].Message);
        Assert.True(stackHashed.Cases[3].Message?.Contains("6 random bytes (stackalloc byte[6])") == true, stackHashed.ToString());
        Assert.True(encoded.Cases[3].Message?.Contains("8 random bytes (new byte[8])") == true, encoded.ToString());
    }

    [Fact]
    public void Sessions_BufferOf16BytesOrMoreFilledByTheGenerator_IsCorrect()
    {
        var array = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: () =>
        {
            var bytes = new byte[16];
            RandomNumberGenerator.Fill(bytes);
            return Convert.ToHexString(bytes);
        }));
        var stackHashed = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: () =>
        {
            Span<byte> bytes = stackalloc byte[32];
            RandomNumberGenerator.Fill(bytes);
            return Convert.ToHexString(SHA256.HashData(bytes));
        }));

        Assert.True(array.Passed, array.ToString());
        Assert.True(stackHashed.Passed, stackHashed.ToString());
    }

    [Fact]
    public void Sessions_IdsFromRandomShared_FailTheUnguessableCase()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(SessionIdsFromSystemRandom.Map);

        Assert.Equal(CaseOutcome.Passed, result.Cases[2].Outcome);
        Assert.Contains("System.Random", result.Cases[3].Message);
    }

    [Fact]
    public void Sessions_IdsHashedFromTheClock_FailTheUnguessableCase()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(SessionIdsFromTheClock.Map);

        Assert.Contains("hash of the time", result.Cases[3].Message);
    }

    [Fact]
    public void Sessions_RandomInAHelperOfAnotherClass_FailsWithSystemRandom()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: HelperSessionIds.FromRandomShared));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("System.Random", result.Cases[3].Message);
    }

    [Fact]
    public void Sessions_RandomInAnAsyncHandler_FailsWithSystemRandom()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(HelperSessionIds.MapAsyncWithRandom);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("System.Random", result.Cases[3].Message);
    }

    [Fact]
    public void Sessions_CryptographicHelperOfAnotherClass_IsCorrect()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: HelperSessionIds.FromRandomNumberGenerator));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Sessions_IdMadeWhereTheCheckCannotLook_SaysWhereToMakeIt()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(HiddenSessionIds.Map);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("could not find where your session ids are made", result.Cases[3].Message);
    }

    [Fact]
    public void Sessions_MapsNothing_EveryCaseSaysNoSessionWasStarted()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(_ => { });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("should answer 200 OK and start a session", result.Cases[0].Message);
    }

    [Fact]
    public void RandomBits_CountsOnlyWhatVaries()
    {
        var hex = Enumerable.Range(0, 100).Select(_ => Convert.ToHexString(RandomNumberGenerator.GetBytes(16))).ToList();
        var guids = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid().ToString("N")).ToList();

        Assert.Equal(128, RoutingAndParametersExercises.RandomBits(hex), 3);
        Assert.Equal(122, RoutingAndParametersExercises.RandomBits(guids), 3);
    }

    [Fact]
    public void RandomBits_CountsAHexDigitThatNeverPassesSevenAsThreeBits()
    {
        // Four GetInt32(int.MaxValue) as 8 hex digits each: 31 random bits per call, the first digit 0–7.
        var ids = Enumerable.Range(0, 100).Select(_ => string.Concat(Enumerable.Range(0, 4)
            .Select(_ => RandomNumberGenerator.GetInt32(int.MaxValue).ToString("x8")))).ToList();

        Assert.Equal(124, RoutingAndParametersExercises.RandomBits(ids), 1);
    }

    // 04.2 — an upload endpoint with a size limit

    [Fact]
    public void Uploads_UntouchedStarter_IsNotAttempted()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void Uploads_Reference_IsCorrect()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app => MapUploads(app, limit: 1024));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Uploads_WithoutDisableAntiforgery_SaysWhy()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app => MapUploads(app, limit: 1024, disableAntiforgery: false));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        // Said once, in the first case, in the course's words; the others point back to it.
        Assert.Contains(".DisableAntiforgery()", result.Cases[0].Message);
        Assert.All(result.Cases.Skip(1), c => Assert.StartsWith("The same cause as “", c.Message, StringComparison.Ordinal));
        Assert.DoesNotContain("UseAntiforgery", result.ToString());
    }

    [Fact]
    public void Uploads_OffByOneLimit_FailsTheEdgeCase()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app => MapUploads(app, limit: 1023));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("should answer 200 OK (1,024 bytes is within the limit), but answered 413", result.Cases[1].Message);
    }

    [Fact]
    public void Uploads_NoLimit_FailsTheSizeCases()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app => MapUploads(app, limit: int.MaxValue));

        Assert.Contains("should answer 413", result.Cases[1].Message);
        Assert.Contains("should answer 413", result.Cases[2].Message);
        Assert.Contains("the size rule is wrong", result.Cases[1].Message);
    }

    [Fact]
    public void Uploads_OnlyTheFirstFileChecked_FailsTheMixedCase()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest()
                    : photos[0].Length > 1024 ? Results.StatusCode(413)
                    : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Contains("should answer 413", result.Cases[2].Message);
    }

    [Fact]
    public void Uploads_LimitOnTheTotalSize_FailsTheFirstCaseEveryTime()
    {
        for (var run = 0; run < 5; run++) // the case's sizes are random: the verdict must not be
        {
            var result = RoutingAndParametersExercises.Uploads.Check(app =>
                app.MapPost("/photos", (IFormFileCollection form) =>
                {
                    var photos = form.GetFiles("files");
                    return photos.Count is 0 or > 3 ? Results.BadRequest()
                        : photos.Sum(p => p.Length) > 1024 ? Results.StatusCode(413)
                        : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
                }).DisableAntiforgery());

            Assert.Contains("the limit is per file", result.Cases[0].Message);
        }
    }

    [Fact]
    public void Uploads_ConstantAnswer_IsIncorrect()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app => app.MapPost("/photos", () => Results.Ok(Array.Empty<object>())));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("the number of entries", result.Cases[0].Message);
    }

    [Fact]
    public void Uploads_RequestSizeLimitAttribute_IsIncorrectAndSaysTheInMemoryServerIgnoresIt()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", [RequestSizeLimit(1024)] (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest() : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Contains("the in-memory server does not", result.Cases[1].Message);
        Assert.DoesNotContain("\\u0022", result.ToString());
    }

    [Fact]
    public void Uploads_FormOptionsLimit_IsIncorrectAndExplainsThe400()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest() : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).WithFormOptions(multipartBodyLengthLimit: 1024).DisableAntiforgery());

        Assert.Contains("a FormOptions limit", result.Cases[1].Message);
    }

    [Fact]
    public void Uploads_OnlyTheLastFileChecked_FailsTheOrderCase()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest()
                    : photos[^1].Length > 1024 ? Results.StatusCode(413)
                    : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Contains("a 50,000-byte file first", result.Cases[2].Message);
    }

    [Fact]
    public void Uploads_EveryFileOfTheForm_FailsTheOtherFieldCase()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection files) =>
                files.Count is 0 or > 3 ? Results.BadRequest()
                    : files.Any(f => f.Length > 1024) ? Results.StatusCode(413)
                    : Results.Ok(files.Select(f => new { name = f.FileName, size = f.Length }))).DisableAntiforgery());

        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("form.GetFiles(\"files\")", result.Cases[4].Message);
    }

    [Fact]
    public void Uploads_SizeRuleOnEveryFileOfTheForm_FailsTheOtherFieldCase()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest()
                    : form.Any(f => f.Length > 1024) ? Results.StatusCode(413)
                    : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Equal(CaseOutcome.Passed, result.Cases[3].Outcome);
        Assert.Contains("the size rule looked at every file of the form", result.Cases[4].Message);
    }

    [Fact]
    public void Uploads_FieldNameInsteadOfFileName_SaysFileName()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest()
                    : photos.Any(p => p.Length > 1024) ? Results.StatusCode(413)
                    : Results.Ok(photos.Select(p => new { name = p.Name, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Contains("IFormFile.FileName", result.Cases[0].Message);
    }

    [Fact]
    public void Uploads_OneFormFileParameter_SaysItBindsOnlyTheFirstFile()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFile files) =>
                files.Length > 1024 ? Results.StatusCode(413) : Results.Ok(new[] { new { name = files.FileName, size = files.Length } })).DisableAntiforgery());

        Assert.Contains("binds only the first file", result.Cases[0].Message);
    }

    [Fact]
    public void Uploads_SortedByName_FailsTheOrderCase()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest()
                    : photos.Any(p => p.Length > 1024) ? Results.StatusCode(413)
                    : Results.Ok(photos.OrderBy(p => p.FileName).Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Contains("in the order sent", result.Cases[0].Message);
    }

    [Fact]
    public void Uploads_ReadingTheFormItself_IsCorrect()
    {
        // No form parameter, so no antiforgery metadata: an equally good answer.
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", async (HttpRequest request) =>
            {
                var files = (await request.ReadFormAsync()).Files.GetFiles("files");
                return files.Count is 0 or > 3 ? Results.BadRequest()
                    : files.Any(f => f.Length > 1024) ? Results.StatusCode(413)
                    : Results.Ok(files.Select(f => new { name = f.FileName, size = f.Length }));
            }));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Uploads_AListOfFormFiles_SaysTheParameterWasReadAsJsonOnce()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IReadOnlyList<IFormFile> files) =>
                files.Count is 0 or > 3 ? Results.BadRequest() : Results.Ok(files.Select(f => new { name = f.FileName, size = f.Length })))
            .DisableAntiforgery());

        Assert.Contains("read one of your parameters as a JSON body", result.Cases[0].Message);
        Assert.All(result.Cases.Skip(1), c => Assert.Contains("The same cause", c.Message));
    }

    [Fact]
    public void Uploads_AHandlerTheFrameworkRefuses_IsExplainedAsTheLearnersNotTheChecks()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", ([FromForm(Name = "files")] IFormFileCollection files) => Results.Ok(files.Count)).DisableAntiforgery());

        Assert.Contains("could not turn one of your handlers into an endpoint", result.Cases[0].Message);
        Assert.DoesNotContain("The check itself failed", result.ToString());
    }

    [Fact]
    public void Uploads_ThreeFilesRefused_SaysThreeIsAllowed()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or >= 3 ? Results.BadRequest()
                    : photos.Any(p => p.Length > 1024) ? Results.StatusCode(413)
                    : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Contains("three is not too many", result.Cases[0].Message);
    }

    [Fact]
    public void Uploads_WholeKilobytes_SaysTheSizeRuleIsWrong()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest()
                    : photos.Any(p => p.Length / 1024 > 1) ? Results.StatusCode(413)
                    : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Contains("the size rule is wrong", result.Cases[1].Message);
        Assert.Contains("the size rule is wrong", result.Cases[2].Message);
    }

    [Fact]
    public void Uploads_OnlyTheFirstTwoFilesChecked_FailsTheThirdFileLayout()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest()
                    : photos.Take(2).Any(p => p.Length > 1024) ? Results.StatusCode(413)
                    : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("two small files, then a 2,000-byte one", result.Cases[2].Message);
        Assert.Contains("every file has to be checked", result.Cases[2].Message);
    }

    // 04.3 — routes that don't collide, a Location from a named route, and 405

    [Fact]
    public void UserRoutes_UntouchedStarter_IsNotAttempted()
    {
        var result = RoutingAndParametersExercises.UserRoutes.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void UserRoutes_Reference_IsCorrect()
    {
        var result = RoutingAndParametersExercises.UserRoutes.Check(app => MapUsers(app));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void UserRoutes_ParameterRouteMappedBeforeTheLiteral_IsCorrect()
    {
        // FastAPI matches in declaration order, so /users/{user_id} before /users/me swallows "me"; ASP.NET Core's
        // routing ranks a literal segment above a parameter, whatever the order: the FastAPI habit is no mistake here.
        var result = RoutingAndParametersExercises.UserRoutes.Check(app => MapUsers(app, meFirst: false));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void UserRoutes_LocationFromLinkGenerator_IsCorrect()
    {
        var result = RoutingAndParametersExercises.UserRoutes.Check(app => MapUsers(app, location: (context, id) =>
            context.RequestServices.GetRequiredService<LinkGenerator>().GetPathByName(context, "GetUser", new { id })!));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void UserRoutes_NoIntConstraint_Fails400Not404()
    {
        var result = RoutingAndParametersExercises.UserRoutes.Check(app => MapUsers(app, constraint: false));

        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Contains("{id:int}", result.Cases[3].Message);
    }

    [Fact]
    public void UserRoutes_OneStringRouteAnsweringNotFound_FailsBecauseARouteMatched()
    {
        // The right status from the wrong place: routing matched "abc" and the handler said 404 itself.
        var result = RoutingAndParametersExercises.UserRoutes.Check(app =>
        {
            var users = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
            var nextId = 0;
            app.MapGet("/users/{who}", (string who) =>
                who == "me" ? Results.Ok(new { me = true })
                : int.TryParse(who, out var id) && users.TryGetValue(id, out var name) ? Results.Ok(new { id, name })
                : Results.NotFound()).WithName("GetUser");
            app.MapPost("/users", (NewUser user) =>
            {
                var id = Interlocked.Increment(ref nextId);
                users[id] = user.Name;
                return Results.CreatedAtRoute("GetUser", new { who = id }, new { id, name = user.Name });
            });
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[3].Outcome);
        Assert.Contains("from your handler: the route /users/{who} matched", result.Cases[3].Message);
        Assert.All(result.Cases.Where((_, i) => i != 3), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
    }

    [Fact]
    public void UserRoutes_HardCodedLocation_SaysItDoesNotKnowThePathBase()
    {
        var result = RoutingAndParametersExercises.UserRoutes.Check(app => MapUsers(app, location: (_, id) => $"/users/{id}"));

        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("does not know where the app is mounted", result.Cases[1].Message);
    }

    [Fact]
    public void UserRoutes_MapForEveryMethod_Fails405()
    {
        var result = RoutingAndParametersExercises.UserRoutes.Check(app => MapUsers(app, anyMethod: true));

        Assert.Equal(CaseOutcome.Passed, result.Cases[3].Outcome);
        Assert.Contains("accepts every method", result.Cases[4].Message);
    }

    [Fact]
    public void UserRoutes_CreatedAtRouteWithMisnamedValues_SaysWhatTheRouterThrew()
    {
        var result = RoutingAndParametersExercises.UserRoutes.Check(app =>
        {
            app.MapGet("/users/me", () => new { me = true });
            app.MapGet("/users/{id:int}", (int id) => Results.Ok(new { id, name = "x" })).WithName("GetUser");
            app.MapPost("/users", (NewUser user) => Results.CreatedAtRoute("GetUser", new { userId = 1 }, new { id = 1, name = user.Name }));
        });

        Assert.Contains("No route matches the supplied values", result.Cases[0].Message);
        Assert.Contains("new { id }", result.Cases[0].Message);
    }

    [Fact]
    public void UserRoutes_LinkGeneratorWithoutTheContext_SaysItMissesThePathBase()
    {
        var result = RoutingAndParametersExercises.UserRoutes.Check(app =>
            MapUsers(app, location: (context, id) => context.RequestServices.GetRequiredService<LinkGenerator>().GetPathByName("GetUser", new { id })!));

        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("without the HttpContext", result.Cases[1].Message);
    }

    private static void MapUsers(WebApplication app, bool meFirst = true, bool constraint = true, bool anyMethod = false,
        Func<HttpContext, int, string>? location = null)
    {
        var users = new ConcurrentDictionary<int, string>();
        var nextId = 0;
        void MapMe() => app.MapGet("/users/me", () => new { me = true });
        if (meFirst)
        {
            MapMe();
        }
        var pattern = constraint ? "/users/{id:int}" : "/users/{id}";
        Delegate get = (int id) => users.TryGetValue(id, out var name) ? Results.Ok(new { id, name }) : Results.NotFound();
        (anyMethod ? app.Map(pattern, get) : app.MapGet(pattern, get)).WithName("GetUser");
        if (!meFirst)
        {
            MapMe();
        }
        app.MapPost("/users", (NewUser user, HttpContext context) =>
        {
            var id = Interlocked.Increment(ref nextId);
            users[id] = user.Name;
            return location is null
                ? Results.CreatedAtRoute("GetUser", new { id }, new { id, name = user.Name })
                : Results.Created(location(context, id), new { id, name = user.Name });
        });
    }

    internal sealed record NewUser(string Name);

    private static class SessionIdsFromSystemRandom
    {
        public static void Map(WebApplication app) => MapSessions(app, newId: () =>
        {
            var bytes = new byte[16];
            Random.Shared.NextBytes(bytes);
            return Convert.ToHexString(bytes);
        });
    }

    private static class SessionIdsFromTheClock
    {
        public static void Map(WebApplication app) => MapSessions(app, newId: () => Convert.ToHexString(SHA256.HashData(BitConverter.GetBytes(DateTime.UtcNow.Ticks))));
    }

    private static readonly CookieOptions SafeOptions = new() { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/", MaxAge = TimeSpan.FromHours(8) };

    private static CookieOptions Safe(Action<CookieOptions> change)
    {
        var options = new CookieOptions(SafeOptions);
        change(options);
        return options;
    }

    private static void MapSessions(WebApplication app) => MapSessions(app, SafeOptions, RandomId);

    private static void MapSessions(WebApplication app, Func<string> newId) => MapSessions(app, SafeOptions, newId);

    private static void MapSessions(WebApplication app, CookieOptions? options) => MapSessions(app, options, RandomId);

    // The check reads what the code calls: a wrong id must not reach RandomId through this helper.
    private static void MapSessions(WebApplication app, CookieOptions? options, Func<string> newId) =>
        app.MapPost("/session", (HttpResponse response) =>
        {
            var sessionId = newId();
            if (options is null)
            {
                response.Cookies.Append("session_id", sessionId);
            }
            else
            {
                response.Cookies.Append("session_id", sessionId, options);
            }
            return Results.Ok();
        });

    private static string RandomId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static void MapUploads(WebApplication app, int limit, bool disableAntiforgery = true)
    {
        var endpoint = app.MapPost("/photos", (IFormFileCollection form) =>
        {
            var photos = form.GetFiles("files");
            if (photos.Count is 0 or > 3)
            {
                return Results.BadRequest();
            }
            return photos.Any(photo => photo.Length > limit)
                ? Results.StatusCode(StatusCodes.Status413PayloadTooLarge)
                : Results.Ok(photos.Select(photo => new { name = photo.FileName, size = photo.Length }));
        });
        if (disableAntiforgery)
        {
            endpoint.DisableAntiforgery();
        }
    }
}

/// <summary>Session ids made in another class than the test's: the check follows the calls into it.</summary>
internal static class HelperSessionIds
{
    public static string FromRandomShared()
    {
        var bytes = new byte[16];
        Random.Shared.NextBytes(bytes);
        return Convert.ToHexString(bytes);
    }

    public static string FromRandomNumberGenerator() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public static void MapAsyncWithRandom(WebApplication app) =>
        app.MapPost("/session", async (HttpResponse response) =>
        {
            await Task.Yield();
            var bytes = new byte[16];
            new Random().NextBytes(bytes);
            response.Cookies.Append("session_id", Convert.ToHexString(bytes),
                new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
            return Results.Ok();
        });
}

/// <summary>Ids from a delegate kept in a field, made by a class the handler never calls: the check cannot see the generator.</summary>
internal static class HiddenSessionIds
{
    private static readonly Func<string> NewId = SessionIdFactory.Create();

    public static void Map(WebApplication app) =>
        app.MapPost("/session", (HttpResponse response) =>
        {
            response.Cookies.Append("session_id", NewId(),
                new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
            return Results.Ok();
        });
}

internal static class SessionIdFactory
{
    public static Func<string> Create() => () => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
