using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Course.Exercises;
using Course.Models;
using Course.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Lib.Tests.Exercises;

public class ModelsValidationErrorsExercisesTests
{
    // 05.1 — validated sign-up

    [Fact]
    public void ValidatedSignup_UntouchedStarter_IsNotAttempted()
    {
        var result = ModelsValidationErrorsExercises.ValidatedSignup.Check((_ => throw new NotImplementedException(), _ => throw new NotImplementedException()));

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void ValidatedSignup_Reference_Passes()
    {
        var result = ModelsValidationErrorsExercises.ValidatedSignup.Check((AddSignupServices, MapSignups));

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void ValidatedSignup_WithoutValidation_SaysTheInputWasNotValidated()
    {
        var result = ModelsValidationErrorsExercises.ValidatedSignup.Check((_ => { }, MapSignups));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("answered 201 Created: the input was not validated", result.Cases[1].Message);
    }

    [Fact]
    public void ValidatedSignup_DefaultStatus400_IsIncorrectAndSaysTo422()
    {
        var result = ModelsValidationErrorsExercises.ValidatedSignup.Check((builder =>
        {
            builder.Services.AddValidationByReflection();
            builder.Services.AddProblemDetails();
        }, MapSignups));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("answered 400 Bad Request (ASP.NET Core's default for validation problems: change it to 422)", result.Cases[1].Message);
    }

    [Fact]
    public void ValidatedSignup_Always422_FailsTheValidCase()
    {
        var result = ModelsValidationErrorsExercises.ValidatedSignup.Check((_ => { }, app =>
        {
            app.MapPost("/signups", () => Results.ValidationProblem(new Dictionary<string, string[]> { ["Username"] = ["bad"] }, statusCode: 422));
        }));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("should answer 201 Created, but answered 422", result.Cases[0].Message);
    }

    [Fact]
    public void ValidatedSignup_MissingAgeRule_NamesTheMissingField()
    {
        var result = ModelsValidationErrorsExercises.ValidatedSignup.Check((AddSignupServices, app =>
            app.MapPost("/signups", (SignupWithoutAgeRule signup) => TypedResults.Created($"/signups/{signup.Username}", signup))));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("answered 201 Created", result.Cases[3].Message);
        Assert.Contains("should name exactly Username, Email, Age, but named Username, Email", result.Cases[4].Message);
    }

    // 05.2 — no endpoint leaks a secret

    [Fact]
    public void OutputDto_UntouchedStarter_IsNotAttempted()
    {
        var result = ModelsValidationErrorsExercises.OutputDto.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void OutputDto_Reference_Passes()
    {
        var result = ModelsValidationErrorsExercises.OutputDto.Check(app => MapUserApi(app));

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void OutputDto_UserListOutsideMapUserApi_SaysItOutlivesTheApp()
    {
        var shared = UserAccount.Samples.ToList();
        ModelsValidationErrorsExercises.OutputDto.Check(app => MapUserApi(app, sharedUsers: shared));
        var second = ModelsValidationErrorsExercises.OutputDto.Check(app => MapUserApi(app, sharedUsers: shared));

        Assert.Equal(CheckOutcome.Incorrect, second.Outcome);
        Assert.Contains(second.Cases, c => c.Message?.Contains("Your user list outlives the app: declare it inside MapUserApi") == true);
    }

    [Fact]
    public void OutputDto_EntityFromTheSingleUserEndpoint_LeaksAndFails()
    {
        var result = ModelsValidationErrorsExercises.OutputDto.Check(app => MapUserApi(app, single: account => account));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("GET /users/1 leaks \"passwordHash\" at $.passwordHash", result.Cases[0].Message);
        Assert.Contains("keeps a whole UserAccount", result.Cases[4].Message);
    }

    [Fact]
    public void OutputDto_EntityNestedInTheOrder_LeaksAndFails()
    {
        var result = ModelsValidationErrorsExercises.OutputDto.Check(app => MapUserApi(app, customer: account => account));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("leaks \"passwordHash\" at $.customer.passwordHash", result.Cases[2].Message);
    }

    [Fact]
    public void OutputDto_HashUnderAnotherName_LeaksAndFails()
    {
        var result = ModelsValidationErrorsExercises.OutputDto.Check(app => MapUserApi(app, single: account => new { account.Id, account.Email, account.DisplayName, etag = account.PasswordHash }));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("leaks user 1's password hash at $.etag, under another name", result.Cases[0].Message);
    }

    [Fact]
    public void OutputDto_HashHiddenWithJsonIgnore_FailsOnlyTheReturnedObjectsCase()
    {
        var result = ModelsValidationErrorsExercises.OutputDto.Check(app => MapUserApi(app,
            single: account => new UserOutWithIgnoredHash(account.Id, account.Email, account.DisplayName, account.PasswordHash)));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("still carries user 1's password hash (in PasswordHash)", result.Cases[4].Message);
    }

    [Fact]
    public void OutputDto_AdminFlagHiddenInANestedObject_IsIncorrect()
    {
        var result = ModelsValidationErrorsExercises.OutputDto.Check(app => MapUserApi(app,
            single: account => new UserOutWithHiddenCredentials(account.Id, account.Email, account.DisplayName, new Credentials(account.IsAdmin))));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("still carries the account's IsAdmin (in Internal.IsAdmin)", result.Cases[4].Message);
    }

    [Fact]
    public void OutputDto_CreatedEchoesTheInput_LeaksThePassword()
    {
        var result = ModelsValidationErrorsExercises.OutputDto.Check(app => MapUserApi(app, echoInput: true));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("POST /users leaks \"password\" at $.password", result.Cases[3].Message);
    }

    [Fact]
    public void OutputDto_ConflictSendsTheEntity_LeaksOnTheErrorPath()
    {
        var result = ModelsValidationErrorsExercises.OutputDto.Check(app => MapUserApi(app, conflict: account => account));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("POST /users leaks \"passwordHash\"", result.Cases[3].Message);
    }

    [Fact]
    public void OutputDto_PasswordStoredAsTheHash_FailsOnlyTheStoredAccountsCase()
    {
        var result = ModelsValidationErrorsExercises.OutputDto.Check(app => MapUserApi(app, storePassword: true));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("stored the password itself as the new account's PasswordHash", result.Cases[5].Message);
    }

    [Fact]
    public void OutputDto_EmailComparedCaseSensitively_IsIncorrect()
    {
        var result = ModelsValidationErrorsExercises.OutputDto.Check(app => MapUserApi(app, emailCaseSensitive: true));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("compare e-mails ignoring case", result.Cases[3].Message);
    }

    // 05.3 — one error format

    [Fact]
    public void OneErrorFormat_UntouchedStarter_IsNotAttempted()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((_ => throw new NotImplementedException(), _ => throw new NotImplementedException()));

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void OneErrorFormat_Reference_Passes()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((AddErrorHandling, UseErrorHandling));

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void OneErrorFormat_OnlyTheBuiltInHandler_Gives500ForEverything()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((builder => builder.Services.AddProblemDetails(), app =>
        {
            app.UseExceptionHandler();
            app.UseStatusCodePages();
        }));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("should answer 404 Not Found, but answered 500 Internal Server Error", result.Cases[0].Message);
        Assert.Equal(CaseOutcome.Passed, result.Cases[2].Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[3].Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[4].Outcome);
    }

    [Fact]
    public void OneErrorFormat_WithoutStatusCodePages_FailsTheEmptyErrors()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((AddErrorHandling, app => app.UseExceptionHandler()));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("answered 404 with no body", result.Cases[4].Message);
    }

    [Fact]
    public void OneErrorFormat_MessageIn500_LeaksAndFails()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((builder =>
        {
            builder.Services.AddProblemDetails();
            builder.Services.AddExceptionHandler<LeakyHandler>();
        }, UseErrorHandling));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("gives away", result.Cases[2].Message);
    }

    [Fact]
    public void OneErrorFormat_NothingConfigured_IsIncorrect()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((_ => { }, _ => { }));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("NotFoundException was not turned into a response", result.Cases[0].Message);
        Assert.Equal(CaseOutcome.Passed, result.Cases[5].Outcome);
    }

    [Fact]
    public void OneErrorFormat_BuiltInExceptionTypesMapped_IsIncorrect()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((
            builder => { builder.Services.AddProblemDetails(); builder.Services.AddExceptionHandler<BuiltInTypesHandler>(); },
            UseErrorHandling));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
    }

    // Issue 16: the review's fooling answers and more known-wrong answers

    [Fact]
    public void ValidatedSignup_AgeBoundsFromGtAndLt_SaysTheRuleIs13To120()
    {
        var result = ModelsValidationErrorsExercises.ValidatedSignup.Check((AddSignupServices, app =>
            app.MapPost("/signups", (WideAgeSignup signup) => TypedResults.Created($"/signups/{signup.Username}", signup))));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("answered 201 Created, but the rule is 13 to 120", result.Cases[3].Message);
    }

    [Fact]
    public void OneErrorFormat_StatusOnlyInTheBody_SaysToSetTheResponseStatus()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((builder =>
        {
            builder.Services.AddProblemDetails();
            builder.Services.AddExceptionHandler<BodyStatusOnlyHandler>();
        }, app =>
        {
            app.UseExceptionHandler();
            app.UseStatusCodePages();
        }));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("set context.Response.StatusCode = 404 too", result.Cases[0].Message);
    }

    [Fact]
    public void OneErrorFormat_ProblemWrittenAsPlainJson_IsIncorrect()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((builder =>
        {
            builder.Services.AddProblemDetails();
            builder.Services.AddExceptionHandler<PlainJsonHandler>();
        }, app =>
        {
            app.UseExceptionHandler();
            app.UseStatusCodePages();
        }));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("application/problem+json", result.Cases[0].Message);
    }

    [Fact]
    public void OneErrorFormat_StatusCodeSelectorAlternative_Passes()
    {
        // The .NET 9+ shape the review tried: no IExceptionHandler; the selector picks the status, CustomizeProblemDetails the detail.
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((builder => builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.Exception is NotFoundException or ConflictException)
            {
                context.ProblemDetails.Detail = context.Exception.Message;
            }
        }), app =>
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = exception => exception switch { NotFoundException => 404, ConflictException => 409, _ => 500 },
            });
            app.UseStatusCodePages();
        }));

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void OneErrorFormat_AFixedDetailInEverydayWords_IsNotALeak()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((builder =>
        {
            builder.Services.AddProblemDetails();
            builder.Services.AddExceptionHandler<FixedDetailHandler>();
        }, UseErrorHandling));

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void ValidatedSignup_UsernameRuleNoWhitespace_IsIncorrect()
    {
        var result = ModelsValidationErrorsExercises.ValidatedSignup.Check((AddSignupServices, app =>
            app.MapPost("/signups", (LaxSignup signup) => TypedResults.Created($"/signups/{signup.Username}", signup))));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("username \"ada-l\" answered 201 Created: your username rule lets it through", result.Cases[1].Message);
    }

    [Fact]
    public void ValidatedSignup_UsernameRuleBackslashW_SaysOnlyAsciiLetters()
    {
        var result = ModelsValidationErrorsExercises.ValidatedSignup.Check((AddSignupServices, app =>
            app.MapPost("/signups", (UnicodeWordSignup signup) => TypedResults.Created($"/signups/{signup.Username}", signup))));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("only ASCII letters", result.Cases[1].Message);
    }

    [Fact]
    public void ValidatedSignup_LengthRuleOffByOne_IsIncorrectEitherWay()
    {
        var tooStrict = ModelsValidationErrorsExercises.ValidatedSignup.Check((AddSignupServices, app =>
            app.MapPost("/signups", (StrictSignup signup) => TypedResults.Created($"/signups/{signup.Username}", signup))));
        var tooLax = ModelsValidationErrorsExercises.ValidatedSignup.Check((AddSignupServices, app =>
            app.MapPost("/signups", (LongSignup signup) => TypedResults.Created($"/signups/{signup.Username}", signup))));

        Assert.Contains("username \"abc\" (3 characters, only letters, digits and _) should answer 201 Created", tooStrict.Cases[1].Message);
        Assert.Contains("lets 21 characters through, but the most is 20", tooLax.Cases[1].Message);
    }

    [Fact]
    public void ValidatedSignup_EveryProblem422_KeepsNoOtherStatus()
    {
        var result = ModelsValidationErrorsExercises.ValidatedSignup.Check((builder =>
        {
            builder.Services.AddValidationByReflection();
            builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            {
                context.ProblemDetails.Status = 422;
                context.HttpContext.Response.StatusCode = 422;
            });
        }, MapSignups));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("malformed JSON should stay 400 Bad Request, but answered 422", result.Cases[5].Message);
        Assert.Contains("only validation problems become 422", result.Cases[5].Message);
    }

    [Fact]
    public void ValidatedSignup_Every400Is422_IsIncorrect()
    {
        var result = ModelsValidationErrorsExercises.ValidatedSignup.Check((builder =>
        {
            builder.Services.AddValidationByReflection();
            builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            {
                if (context.ProblemDetails.Status == 400)
                {
                    context.ProblemDetails.Status = 422;
                    context.HttpContext.Response.StatusCode = 422;
                }
            });
        }, MapSignups));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("only validation problems become 422", result.Cases[5].Message);
    }

    [Fact]
    public void ValidatedSignup_OnlyTheBodysStatusChanged_SaysTheResponseIsStill400()
    {
        var result = ModelsValidationErrorsExercises.ValidatedSignup.Check((builder =>
        {
            builder.Services.AddValidationByReflection();
            builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            {
                if (context.ProblemDetails is HttpValidationProblemDetails)
                {
                    context.ProblemDetails.Status = 422;
                }
            });
        }, MapSignups));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("the response's status code is still 400", result.Cases[1].Message);
    }

    [Fact]
    public void OneErrorFormat_FirstPartOfTheMessageIn500_LeaksAndFails()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((builder =>
        {
            builder.Services.AddProblemDetails();
            builder.Services.AddExceptionHandler<PartlyLeakyHandler>();
        }, UseErrorHandling));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("gives away part of the exception in its body", result.Cases[2].Message);
    }

    [Fact]
    public void OneErrorFormat_MessageInAHeader_LeaksAndFails()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((builder =>
        {
            builder.Services.AddProblemDetails();
            builder.Services.AddExceptionHandler<HeaderLeakyHandler>();
        }, UseErrorHandling));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("in its header X-Error", result.Cases[2].Message);
    }

    [Fact]
    public void OneErrorFormat_FrameworkExceptionMappedBesideOwnTypes_IsIncorrect()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((builder =>
        {
            builder.Services.AddProblemDetails();
            builder.Services.AddExceptionHandler<OwnAndFrameworkTypesHandler>();
        }, UseErrorHandling));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Passed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("never the framework's", result.Cases[3].Message);
    }

    [Fact]
    public void OneErrorFormat_DeveloperExceptionPage_Leaks()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((AddErrorHandling, app =>
        {
            app.UseDeveloperExceptionPage();
            app.UseStatusCodePages();
        }));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("gives away part of the exception", result.Cases[2].Message);
    }

    // A second reader's attacks

    [Fact]
    public void ValidatedSignup_EchoingOnlyTheEmail_IsIncorrect()
    {
        var result = ModelsValidationErrorsExercises.ValidatedSignup.Check((AddSignupServices,
            app => app.MapPost("/signups", (Signup signup) => TypedResults.Created($"/signups/{signup.Username}", new { signup.Email }))));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("echo the sign-up", result.Cases[0].Message);
    }

    [Fact]
    public void OneErrorFormat_StatusPickedByTheMessagesWords_IsIncorrect()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((builder =>
        {
            builder.Services.AddProblemDetails();
            builder.Services.AddExceptionHandler<ByMessageHandler>();
        }, UseErrorHandling));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("by the exception's type", result.Cases[0].Message);
        Assert.Contains("by the exception's type", result.Cases[1].Message);
    }

    [Fact]
    public void OneErrorFormat_InvalidOperationExceptionAs409_IsIncorrect()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((builder =>
        {
            builder.Services.AddProblemDetails();
            builder.Services.AddExceptionHandler<OwnTypesAndInvalidOperationHandler>();
        }, UseErrorHandling));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Passed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("GET /first threw the framework's InvalidOperationException", result.Cases[3].Message);
    }

    [Fact]
    public void OneErrorFormat_ExceptionKindInTheTitle_Leaks()
    {
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((builder =>
        {
            builder.Services.AddProblemDetails();
            builder.Services.AddExceptionHandler<KindInTitleHandler>();
        }, UseErrorHandling));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("gives away part of the exception", result.Cases[2].Message);
    }

    [Fact]
    public void OneErrorFormat_FixedTitleNamingTheServerError_Passes()
    {
        // "Internal Server Error" shares the word "Server" with the secret message: a fixed title must not be taken for a leak.
        var result = ModelsValidationErrorsExercises.OneErrorFormat.Check((builder =>
        {
            builder.Services.AddProblemDetails();
            builder.Services.AddExceptionHandler<ServerErrorTitleHandler>();
        }, UseErrorHandling));

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void ValidatedSignup_EmailWithoutRequired_SaysALeftOutFieldMustBeAnError()
    {
        var result = ModelsValidationErrorsExercises.ValidatedSignup.Check((AddSignupServices,
            app => app.MapPost("/signups", (OptionalEmailSignup signup) => TypedResults.Created($"/signups/{signup.Username}", signup))));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("did not name Email, though a wrong Email is refused: a field that is left out must be an error", result.Cases[4].Message);
    }

    [Fact]
    public void Catalog_ListsTheThreeExercisesOfNotebook05()
    {
        Assert.Equal(["05.1", "05.2", "05.3"], ExerciseCatalog.ForNotebook("05").Select(e => e.Id));
    }

    // The reference solutions, as the notebook's solution cells write them.

    public sealed record Signup(
        [Required, RegularExpression("^[A-Za-z0-9_]{3,20}$")] string Username,
        [Required, EmailAddress] string Email,
        [Range(13, 120)] int Age);

    public sealed record LaxSignup(
        [Required, RegularExpression(@"^\S{3,20}$")] string Username,
        [Required, EmailAddress] string Email,
        [Range(13, 120)] int Age);

    public sealed record UnicodeWordSignup(
        [Required, RegularExpression(@"^\w{3,20}$")] string Username,
        [Required, EmailAddress] string Email,
        [Range(13, 120)] int Age);

    public sealed record StrictSignup(
        [Required, RegularExpression("^[A-Za-z0-9_]{4,20}$")] string Username,
        [Required, EmailAddress] string Email,
        [Range(13, 120)] int Age);

    public sealed record LongSignup(
        [Required, RegularExpression("^[A-Za-z0-9_]{3,25}$")] string Username,
        [Required, EmailAddress] string Email,
        [Range(13, 120)] int Age);

    public sealed record SignupWithoutAgeRule(
        [Required, RegularExpression("^[A-Za-z0-9_]{3,20}$")] string Username,
        [Required, EmailAddress] string Email,
        int Age);

    private static void AddSignupServices(WebApplicationBuilder builder)
    {
        builder.Services.AddValidationByReflection();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails is HttpValidationProblemDetails)
            {
                context.ProblemDetails.Status = StatusCodes.Status422UnprocessableEntity;
                context.HttpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            }
        });
    }

    private static void MapSignups(WebApplication app) =>
        app.MapPost("/signups", (Signup signup) => TypedResults.Created($"/signups/{signup.Username}", signup));

    private sealed record UserOut(int Id, string Email, string DisplayName);

    private sealed record OrderOut(int Id, decimal Total, object Customer);

    private sealed record NewUserIn(string Email, string DisplayName, string Password);

    private sealed record Credentials(bool IsAdmin);

    private sealed record UserOutWithHiddenCredentials(int Id, string Email, string DisplayName, [property: System.Text.Json.Serialization.JsonIgnore] Credentials Internal);

    private sealed record UserOutWithIgnoredHash(int Id, string Email, string DisplayName, [property: System.Text.Json.Serialization.JsonIgnore] string PasswordHash);

    private static UserOut ToUserOut(UserAccount account) => new(account.Id, account.Email, account.DisplayName);

    /// <summary>05.2's reference endpoints; each argument swaps in one mistake.</summary>
    private static void MapUserApi(IEndpointRouteBuilder app, Func<UserAccount, object>? single = null, Func<UserAccount, object>? customer = null,
        Func<UserAccount, object>? conflict = null, bool echoInput = false, bool emailCaseSensitive = false, List<UserAccount>? sharedUsers = null,
        bool storePassword = false)
    {
        var users = sharedUsers ?? UserAccount.Samples.ToList();
        app.MapGet("/users/{id:int}", (int id) =>
            users.FirstOrDefault(u => u.Id == id) is { } user ? Results.Ok((single ?? ToUserOut)(user)) : Results.NotFound());
        app.MapGet("/users", () => users.Select(ToUserOut).ToList());
        app.MapGet("/orders/{id:int}", (int id) =>
            StoredOrder.Samples.FirstOrDefault(o => o.Id == id) is { } order
                ? Results.Ok(new OrderOut(order.Id, order.Total, (customer ?? ToUserOut)(order.Customer)))
                : Results.NotFound());
        app.MapPost("/users", (NewUserIn input) =>
        {
            if (users.FirstOrDefault(u => string.Equals(u.Email, input.Email, emailCaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)) is { } taken)
            {
                return Results.Conflict((conflict ?? ToUserOut)(taken));
            }
            var user = new UserAccount(users.Max(u => u.Id) + 1, input.Email, input.DisplayName, storePassword ? input.Password : UserAccount.HashPassword(input.Password), false, DateTimeOffset.UtcNow);
            users.Add(user);
            return Results.Created($"/users/{user.Id}", echoInput ? input : ToUserOut(user));
        });
    }

    public sealed record WideAgeSignup(
        [Required, RegularExpression("^[A-Za-z0-9_]{3,20}$")] string Username,
        [Required, EmailAddress] string Email,
        [Range(12, 121)] int Age);

    private sealed class PlainJsonHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var status = exception switch { NotFoundException => 404, ConflictException => 409, _ => 500 };
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = "Error", Detail = status == 500 ? null : exception.Message }, cancellationToken);
            return true;
        }
    }

    private sealed class BodyStatusOnlyHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var status = exception switch { NotFoundException => 404, ConflictException => 409, _ => 500 };
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Title = "Error", Detail = status == 500 ? null : exception.Message },
            });
        }
    }

    public sealed record OptionalEmailSignup(
        [Required, RegularExpression("^[A-Za-z0-9_]{3,20}$")] string Username,
        [EmailAddress] string Email,
        [Range(13, 120)] int Age);

    private sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (status, title, detail) = exception switch
            {
                NotFoundException => (404, "Not Found", exception.Message),
                ConflictException => (409, "Conflict", exception.Message),
                _ => (500, "An unexpected error occurred.", (string?)null),
            };
            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
        }
    }

    /// <summary>Maps the framework's own exception types, as the notes' examples might: not what 05.3 asks.</summary>
    private sealed class BuiltInTypesHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (status, detail) = exception switch
            {
                KeyNotFoundException => (404, exception.Message),
                InvalidOperationException => (409, exception.Message),
                _ => (500, (string?)null),
            };
            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Detail = detail } });
        }
    }

    /// <summary>A correct handler whose 500 has a fixed detail that shares everyday words ("talking to") with the secret message.</summary>
    private sealed class FixedDetailHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (status, detail) = exception switch
            {
                NotFoundException => (404, exception.Message),
                ConflictException => (409, exception.Message),
                _ => (500, "Something went wrong while talking to a service we depend on. Please try again later."),
            };
            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Detail = detail } });
        }
    }

    private sealed class PartlyLeakyHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (status, detail) = exception switch { NotFoundException => (404, exception.Message), ConflictException => (409, exception.Message), _ => (500, exception.Message.Split(';')[0]) };
            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Detail = detail } });
        }
    }

    private sealed class HeaderLeakyHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (status, detail) = exception switch { NotFoundException => (404, exception.Message), ConflictException => (409, exception.Message), _ => (500, (string?)null) };
            context.Response.StatusCode = status;
            context.Response.Headers["X-Error"] = exception.Message;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Detail = detail } });
        }
    }

    private sealed class OwnAndFrameworkTypesHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (status, detail) = exception switch
            {
                NotFoundException or KeyNotFoundException => (404, exception.Message),
                ConflictException => (409, exception.Message),
                _ => (500, (string?)null),
            };
            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Detail = detail } });
        }
    }

    private sealed class ByMessageHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (status, detail) = exception.Message switch
            {
                var m when m.Contains("does not exist", StringComparison.Ordinal) => (404, exception.Message),
                var m when m.Contains("already", StringComparison.Ordinal) => (409, exception.Message),
                _ => (500, (string?)null),
            };
            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Detail = detail } });
        }
    }

    private sealed class OwnTypesAndInvalidOperationHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (status, detail) = exception switch
            {
                NotFoundException => (404, exception.Message),
                ConflictException or InvalidOperationException => (409, exception.Message),
                _ => (500, (string?)null),
            };
            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Detail = detail } });
        }
    }

    private sealed class KindInTitleHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (status, title, detail) = exception switch
            {
                NotFoundException => (404, "Not Found", exception.Message),
                ConflictException => (409, "Conflict", exception.Message),
                _ => (500, "Unexpected " + exception.GetType().Name.Replace("Exception", "", StringComparison.Ordinal), (string?)null),
            };
            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Title = title, Detail = detail } });
        }
    }

    private sealed class ServerErrorTitleHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (status, title, detail) = exception switch
            {
                NotFoundException => (404, "Not Found", exception.Message),
                ConflictException => (409, "Conflict", exception.Message),
                _ => (500, "Internal Server Error", "The server could not complete the request. Quote the traceId when you contact support."),
            };
            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Title = title, Detail = detail } });
        }
    }

    private sealed class LeakyHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var status = exception switch { NotFoundException => 404, ConflictException => 409, _ => 500 };
            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Detail = exception.Message } });
        }
    }

    private static void AddErrorHandling(WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
    }

    private static void UseErrorHandling(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }
}
