using Course.DependencyInjection;
using Course.Exercises;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Course.Lib.Tests.Exercises;

public class DependencyInjectionExercisesTests
{
    // 06.1 — choose lifetimes for a small shop

    private static void Shop(IServiceCollection services, ServiceLifetime settings, ServiceLifetime formatter, ServiceLifetime cache, ServiceLifetime work)
    {
        services.Add(new ServiceDescriptor(typeof(ShopSettings), typeof(ShopSettings), settings));
        services.Add(new ServiceDescriptor(typeof(PriceFormatter), typeof(PriceFormatter), formatter));
        services.Add(new ServiceDescriptor(typeof(PriceCache), typeof(PriceCache), cache));
        services.Add(new ServiceDescriptor(typeof(OrderUnitOfWork), typeof(OrderUnitOfWork), work));
    }

    private static string Messages(CheckResult result) => string.Join("\n", result.Cases.Select(c => $"{c.Outcome}: {c.Message}"));

    [Fact]
    public void ChooseLifetimes_UntouchedStarter_IsNotAttempted()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Theory]
    [InlineData(ServiceLifetime.Singleton)]
    [InlineData(ServiceLifetime.Transient)]
    public void ChooseLifetimes_Reference_Passes_WithTheStatelessFormatterAtAnyLifetimeItsSettingsAllow(ServiceLifetime formatter)
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
            Shop(services, ServiceLifetime.Singleton, formatter, ServiceLifetime.Singleton, ServiceLifetime.Scoped));

        Assert.True(result.Outcome == CheckOutcome.Correct, Messages(result));
    }

    [Fact]
    public void ChooseLifetimes_EverythingSingleton_ShowsOneCustomersLinesInAnothersOrder()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
            Shop(services, ServiceLifetime.Singleton, ServiceLifetime.Singleton, ServiceLifetime.Singleton, ServiceLifetime.Singleton));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Passed],
            result.Cases.Select(c => c.Outcome));
        Assert.Matches(@"(ada|linus)'s request committed \[.*(ada|linus): .*\]: lines of (ada|linus)'s order", result.Cases[2].Message);
        Assert.Contains("not disposed", result.Cases[3].Message);
    }

    [Fact]
    public void ChooseLifetimes_EverythingTransient_CommitsNothingAndCachesNothing()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
            Shop(services, ServiceLifetime.Transient, ServiceLifetime.Transient, ServiceLifetime.Transient, ServiceLifetime.Transient));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Failed],
            result.Cases.Select(c => c.Outcome));
        Assert.Contains("two different OrderUnitOfWork objects", result.Cases[1].Message);
    }

    [Fact]
    public void ChooseLifetimes_ScopedCache_ReadsTheCatalogueOncePerRequest()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
            Shop(services, ServiceLifetime.Singleton, ServiceLifetime.Singleton, ServiceLifetime.Scoped, ServiceLifetime.Scoped));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed],
            result.Cases.Select(c => c.Outcome));
        Assert.Contains("The catalogue was read 3 times for \"tea\" in 3 requests", result.Cases[4].Message);
    }

    [Fact]
    public void ChooseLifetimes_TransientSettingsBehindASingletonFormatter_LoadsTheSettingsForEveryRequest()
    {
        // The formatter keeps the one it was given, but the request asks for the settings too.
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
            Shop(services, ServiceLifetime.Transient, ServiceLifetime.Singleton, ServiceLifetime.Singleton, ServiceLifetime.Scoped));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed],
            result.Cases.Select(c => c.Outcome));
        Assert.Contains("Load it once", result.Cases[5].Message);
    }

    [Fact]
    public void ChooseLifetimes_SingletonFormatterOverScopedSettings_IsACaptiveDependency()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services =>
            Shop(services, ServiceLifetime.Scoped, ServiceLifetime.Singleton, ServiceLifetime.Singleton, ServiceLifetime.Scoped));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("PriceFormatter is a Singleton that takes the Scoped ShopSettings in its constructor — a captive dependency", result.Cases[0].Message);
    }

    [Fact]
    public void ChooseLifetimes_Missing_SaysWhatIsNotRegistered()
    {
        var result = DependencyInjectionExercises.ChooseLifetimes.Check(services => services.AddSingleton<ShopSettings>());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("PriceFormatter, PriceCache, OrderUnitOfWork are not registered", result.Cases[0].Message);
        Assert.All(result.Cases, c => Assert.Equal(CaseOutcome.Failed, c.Outcome));
    }

    [Fact]
    public void FixCaptiveDependency_RequestServicesThroughTheAccessor_IsRefusedAsServiceLocationAndFailsTheNightlyJob()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<IVisitRecorder, ThroughAccessor>();
        });

        Assert.Equal([CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Failed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("that is service location", result.Cases[0].Message);
        Assert.Contains("no HttpContext", result.Cases[2].Message);
    }

    private sealed class ThroughAccessor(Microsoft.AspNetCore.Http.IHttpContextAccessor accessor) : IVisitRecorder
    {
        private int _visits;
        public int VisitsSinceStart => Volatile.Read(ref _visits);

        public async Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            var db = accessor.HttpContext!.RequestServices.GetRequiredService<VisitsDb>();
            db.Add(page);
            await db.SaveChangesAsync(cancellationToken);
            Interlocked.Increment(ref _visits);
        }
    }

    // 06.2 — a singleton with a scope per operation

    private sealed class ScopePerVisit(IServiceScopeFactory scopes) : IVisitRecorder
    {
        private int _visits;
        public int VisitsSinceStart => Volatile.Read(ref _visits);

        public async Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VisitsDb>();
            db.Add(page);
            await db.SaveChangesAsync(cancellationToken);
            Interlocked.Increment(ref _visits);
        }
    }

    private sealed class Captive(VisitsDb db) : IVisitRecorder
    {
        private int _visits;
        public int VisitsSinceStart => Volatile.Read(ref _visits);

        public async Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            db.Add(page);
            await db.SaveChangesAsync(cancellationToken);
            Interlocked.Increment(ref _visits);
        }
    }

    private sealed class FromRoot(IServiceProvider provider) : IVisitRecorder
    {
        public int VisitsSinceStart => 0;

        public async Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            var db = provider.GetRequiredService<VisitsDb>();
            db.Add(page);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private sealed class ScopeNeverDisposed(IServiceScopeFactory scopes) : IVisitRecorder
    {
        private int _visits;
        public int VisitsSinceStart => Volatile.Read(ref _visits);

        public async Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            var db = scopes.CreateAsyncScope().ServiceProvider.GetRequiredService<VisitsDb>();
            db.Add(page);
            await db.SaveChangesAsync(cancellationToken);
            Interlocked.Increment(ref _visits);
        }
    }

    private sealed class OneLockedContext(IServiceScopeFactory scopes) : IVisitRecorder
    {
        private readonly VisitsDb _db = scopes.CreateScope().ServiceProvider.GetRequiredService<VisitsDb>();
        private readonly SemaphoreSlim _lock = new(1);
        private int _visits;
        public int VisitsSinceStart => Volatile.Read(ref _visits);

        public async Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            await _lock.WaitAsync(cancellationToken);
            try
            {
                _db.Add(page);
                await _db.SaveChangesAsync(cancellationToken);
                Interlocked.Increment(ref _visits);
            }
            finally
            {
                _lock.Release();
            }
        }
    }

    private sealed class SaveNotAwaited(IServiceScopeFactory scopes) : IVisitRecorder
    {
        public int VisitsSinceStart => 0;

        public Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<VisitsDb>();
            db.Add(page);
            return db.SaveChangesAsync(cancellationToken);
        }
    }

    [Fact]
    public void FixCaptiveDependency_UntouchedStarter_TheShippedCaptive_IsIncorrectAndNamedACaptiveDependency()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddSingleton<IVisitRecorder, Captive>());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("IVisitRecorder is a Singleton that takes the Scoped VisitsDb in its constructor — a captive dependency", result.Cases[0].Message);
    }

    [Fact]
    public void FixCaptiveDependency_NotImplemented_IsNotAttempted()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void FixCaptiveDependency_ScopePerVisit_Passes()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddSingleton<IVisitRecorder, ScopePerVisit>());

        Assert.True(result.Outcome == CheckOutcome.Correct, Messages(result));
    }

    [Fact]
    public void FixCaptiveDependency_MadeScoped_MustStaySingleton()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddScoped<IVisitRecorder, Captive>());

        Assert.Equal([CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Failed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("must stay a Singleton", result.Cases[0].Message);
        Assert.Contains("must stay a Singleton", result.Cases[2].Message);
    }

    [Fact]
    public void FixCaptiveDependency_ResolvingFromTheInjectedProvider_NamesTheRootProvider()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddSingleton<IVisitRecorder, FromRoot>());

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("A Singleton is given the app's root provider", result.Cases[1].Message);
    }

    [Fact]
    public void FixCaptiveDependency_ScopeNeverDisposed_IsIncorrect()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddSingleton<IVisitRecorder, ScopeNeverDisposed>());

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("were never disposed", result.Cases[1].Message);
    }

    [Fact]
    public void FixCaptiveDependency_OneContextBehindALock_IsIncorrect()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddSingleton<IVisitRecorder, OneLockedContext>());

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("4 visits were saved by 1 VisitsDb", result.Cases[1].Message);
    }

    [Fact]
    public void FixCaptiveDependency_SaveNotAwaited_SaysTheScopeEndedBeforeTheSave()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddSingleton<IVisitRecorder, SaveNotAwaited>());

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("disposed while SaveChangesAsync was still running", result.Cases[1].Message);
    }

    private sealed class ContextBuiltByHand(VisitDatabase database) : IVisitRecorder
    {
        private int _visits;
        public int VisitsSinceStart => Volatile.Read(ref _visits);

        public async Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            await using var db = new VisitsDb(database);
            db.Add(page);
            await db.SaveChangesAsync(cancellationToken);
            Interlocked.Increment(ref _visits);
        }
    }

    private sealed class ContextFromActivatorUtilities(IServiceProvider provider) : IVisitRecorder
    {
        private int _visits;
        public int VisitsSinceStart => Volatile.Read(ref _visits);

        public async Task RecordAsync(string page, CancellationToken cancellationToken)
        {
            await using var db = ActivatorUtilities.CreateInstance<VisitsDb>(provider);
            db.Add(page);
            await db.SaveChangesAsync(cancellationToken);
            Interlocked.Increment(ref _visits);
        }
    }

    [Fact]
    public void FixCaptiveDependency_ContextBuiltWithNew_SaysTheContainerMustBuildIt()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddSingleton<IVisitRecorder, ContextBuiltByHand>());

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Failed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("4 VisitsDb were built by your code", result.Cases[1].Message);
    }

    [Fact]
    public void FixCaptiveDependency_ContextFromActivatorUtilities_SaysTheContainerMustBuildIt()
    {
        var result = DependencyInjectionExercises.FixCaptiveDependency.Check(services => services.AddSingleton<IVisitRecorder, ContextFromActivatorUtilities>());

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("built by your code", result.Cases[1].Message);
    }

    // 06.3 — a recording fake, installed in one test host

    private sealed class Recording(List<string> asked) : IWeatherSource
    {
        public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken)
        {
            asked.Add(city);
            return Task.FromResult(city == "Oslo" ? new Forecast("Oslo", -3, "Snow") : null);
        }
    }

    private sealed class Constant(List<string> asked) : IWeatherSource
    {
        public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken)
        {
            asked.Add(city);
            return Task.FromResult<Forecast?>(new Forecast("Oslo", -3, "Snow"));
        }
    }

    private sealed class Silent : IWeatherSource
    {
        public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken) => Task.FromResult<Forecast?>(new Forecast(city, 21, "Sunny"));
    }

    private sealed class StaticRecording : IWeatherSource
    {
        public static List<string> Asked { get; set; } = [];

        public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken)
        {
            Asked.Add(city);
            return Task.FromResult(city == "Oslo" ? new Forecast("Oslo", -3, "Snow") : null);
        }
    }

    private static void Replace(IServiceCollection services, IWeatherSource fake)
    {
        services.RemoveAll<IWeatherSource>();
        services.AddSingleton(fake);
    }

    [Fact]
    public void OverrideDependency_UntouchedStarter_IsNotAttempted()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((_, _) => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void OverrideDependency_Reference_Passes()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((services, asked) => Replace(services, new Recording(asked)));

        Assert.True(result.Outcome == CheckOutcome.Correct, Messages(result));
    }

    [Fact]
    public void OverrideDependency_ListRegisteredAndFakeBuiltByTheContainer_Passes()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((services, asked) =>
        {
            services.AddSingleton(asked);
            services.Replace(ServiceDescriptor.Singleton<IWeatherSource, Recording>());
        });

        Assert.True(result.Outcome == CheckOutcome.Correct, Messages(result));
    }

    [Fact]
    public void OverrideDependency_FakeTypeRegisteredWithoutItsList_SaysTheContainerCannotBuildIt_NotThatTheSourceThrew()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((services, _) =>
        {
            services.RemoveAll<IWeatherSource>();
            services.AddSingleton<IWeatherSource, Recording>();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.All(result.Cases, c => Assert.Equal(CaseOutcome.Failed, c.Outcome));
        Assert.Contains("the container cannot build your IWeatherSource", result.Cases[0].Message);
        Assert.Contains("AddSingleton<IWeatherSource>(new RecordingWeather(asked))", result.Cases[0].Message);
        Assert.Contains("the container cannot build your IWeatherSource", result.Cases[3].Message);
        Assert.All(result.Cases, c => Assert.DoesNotContain("return null for a city", c.Message));
    }

    [Fact]
    public void OverrideDependency_Nothing_SaysTheRealServiceWasCalled()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((_, _) => { });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("still called the real weather service", result.Cases[0].Message);
        Assert.Contains("still the app's RemoteWeatherSource", result.Cases[3].Message);
    }

    [Fact]
    public void OverrideDependency_AddedWithoutRemoving_FailsOnlyTheReplacementCase()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((services, asked) => services.AddSingleton<IWeatherSource>(new Recording(asked)));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("2 IWeatherSource registrations", result.Cases[3].Message);
    }

    [Fact]
    public void OverrideDependency_ConstantAnswer_FailsTheUnknownCity_AndShowsTheBodyAsSent()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((services, asked) => Replace(services, new Constant(asked)));

        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("but answered 200 OK (body: {\"city\":\"Oslo\",", result.Cases[1].Message);
        Assert.DoesNotContain("\\u0022", result.Cases[1].Message);
    }

    [Fact]
    public void OverrideDependency_SectionNineFakeThatRecordsNothing_SaysNoCallWasRecorded()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((services, _) => Replace(services, new Silent()));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("recorded no call", result.Cases[0].Message);
        Assert.Equal(CaseOutcome.Passed, result.Cases[3].Outcome);
    }

    [Fact]
    public void OverrideDependency_ListFilledWhileSettingUp_SaysItWasNotTheEndpoint()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((services, asked) =>
        {
            asked.Add("Oslo");
            Replace(services, new Silent());
        });

        Assert.Contains("before any request was sent", result.Cases[0].Message);
    }

    [Fact]
    public void OverrideDependency_FakeRecordingIntoAListOfItsOwn_SaysNoCallWasRecorded()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((services, asked) =>
            Replace(services, new Recording(new List<string>())));

        Assert.Contains("recorded no call", result.Cases[1].Message);
    }

    [Fact]
    public void OverrideDependency_StaticList_SaysItIsSharedByEveryHost()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((services, asked) =>
        {
            StaticRecording.Asked = asked;
            services.RemoveAll<IWeatherSource>();
            services.AddSingleton<IWeatherSource, StaticRecording>();
        });

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("shared by every test host", result.Cases[2].Message);
    }

    [Fact]
    public void OverrideDependency_OneFakeForEveryHost_SaysItIsSharedByEveryHost()
    {
        Recording? shared = null;
        var result = DependencyInjectionExercises.OverrideDependency.Check((services, asked) => Replace(services, shared ??= new Recording(asked)));

        Assert.Equal(CaseOutcome.Failed, result.Cases[2].Outcome);
        Assert.Contains("shared by every test host", result.Cases[2].Message);
    }

    [Fact]
    public void OverrideDependency_TryAdd_KeepsTheRealSourceAndFails()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((services, asked) => services.TryAddSingleton<IWeatherSource>(new Recording(asked)));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("still called the real weather service", result.Cases[0].Message);
    }

    [Fact]
    public void OverrideDependency_RemovedAndNothingAdded_SaysNothingIsRegistered_WithoutTheFrameworkDump()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((services, _) => services.RemoveAll<IWeatherSource>());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("No IWeatherSource is registered", result.Cases[0].Message);
        Assert.Contains("No IWeatherSource is registered", result.Cases[3].Message);
        Assert.All(result.Cases, c => Assert.DoesNotContain("Did you mean", c.Message));
    }

    [Fact]
    public void OverrideDependency_SourceThrowingForAnUnknownCity_SaysToReturnNull()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((services, _) => Replace(services, new ThrowingForUnknown()));

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("return null for a city your source does not know", result.Cases[1].Message);
    }

    private sealed class ThrowingForUnknown : IWeatherSource
    {
        public Task<Forecast?> GetAsync(string city, CancellationToken cancellationToken) =>
            city == "Oslo" ? Task.FromResult<Forecast?>(new Forecast("Oslo", -3, "Snow")) : throw new KeyNotFoundException(city);
    }

    [Fact]
    public void OverrideDependency_RemovedByTheImplementationType_SaysRegistrationsAreFoundByServiceType()
    {
        var result = DependencyInjectionExercises.OverrideDependency.Check((services, asked) =>
        {
            services.RemoveAll<RemoteWeatherSource>();
            services.AddSingleton<IWeatherSource>(new Recording(asked));
        });

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("not the implementation type", result.Cases[3].Message);
    }
}
